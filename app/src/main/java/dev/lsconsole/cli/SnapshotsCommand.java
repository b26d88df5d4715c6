package dev.lsconsole.cli;

import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import picocli.CommandLine.Command;

@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "List available snapshots for a database or replica.")
final class SnapshotsCommand extends TargetCommand {

    @Override
    public Integer call() {
        try (Source src = resolve(target, replica, 8)) {
            TabTable t = new TabTable("replica", "generation", "index", "size", "created");
            for (Replica r : src.replicas()) {
                java.util.List<String> generations = r.client().generations();
                V03Only.noteIfLtxOnly(cli.err, r, generations, "v0.3 snapshots",
                        "`ltx -level 9` for its snapshots, `ltx -level all` for every file");
                for (String g : generations) {
                    try (ObjectIterator<SnapshotInfo> it = r.client().snapshots(g)) {
                        while (it.hasNext()) {
                            SnapshotInfo s = it.next();
                            t.add(r.name(), g, s.index(), s.size(), Times.rfc3339(s.createdAt()));
                        }
                    }
                }
            }
            t.print(cli.out);
        }
        return 0;
    }
}
