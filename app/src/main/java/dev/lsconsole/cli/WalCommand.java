package dev.lsconsole.cli;

import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.WalSegmentInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wal", mixinStandardHelpOptions = true,
        description = "List available WAL segments for a database or replica.")
final class WalCommand extends TargetCommand {

    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME",
            description = "Optional, filter by a specific generation.")
    String generation;

    @Override
    public Integer call() {
        try (Source src = resolve(target, replica, 8)) {
            TabTable t = new TabTable("replica", "generation", "index", "offset", "size", "created");
            for (Replica r : src.replicas()) {
                List<String> all = r.client().generations();
                V03Only.noteIfLtxOnly(cli.err, r, all, "v0.3 WAL segments",
                        "`ltx -level 0` for its newest transactions, `ltx -level all` for every file");
                List<String> gens = generation == null || generation.isEmpty() ? all : List.of(generation);
                for (String g : gens) {
                    try (ObjectIterator<WalSegmentInfo> it = r.client().walSegments(g)) {
                        while (it.hasNext()) {
                            WalSegmentInfo s = it.next();
                            t.add(r.name(), g, s.index(), s.offset(), s.size(), Times.rfc3339(s.createdAt()));
                        }
                    }
                }
            }
            t.print(cli.out);
        }
        return 0;
    }
}
