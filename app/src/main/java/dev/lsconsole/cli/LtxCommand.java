package dev.lsconsole.cli;

import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** litestream v0.5's {@code ltx}: the LTX files of a replica, same columns and JSON as litestream prints. */
@Command(name = "ltx", mixinStandardHelpOptions = true,
        description = {"List the LTX files of a litestream v0.5 database or replica.",
            "Level, TXID range, size and creation time of each."})
final class LtxCommand extends TargetCommand {
    @Option(names = {"-level", "--level"}, paramLabel = "0-9|all", defaultValue = "0",
            description = "Compaction level (0-9, 9 = snapshots) or \"all\". Defaults to ${DEFAULT-VALUE}.")
    String level;

    @Option(names = {"-json", "--json"}, description = "Print JSON, as litestream ltx -json does.")
    boolean json;

    @Override
    public Integer call() {
        List<Integer> levels = levels(level);
        try (Source src = resolve(target, replica, 8)) {
            TabTable t = new TabTable("level", "min_txid", "max_txid", "size", "created");
            JsonArrayPrinter j = json ? new JsonArrayPrinter(cli.out) : null;
            boolean any = false;
            for (Replica r : src.replicas()) {
                for (int lvl : levels) {
                    try (ObjectIterator<LtxFileInfo> it = r.client().ltxFiles(lvl)) {
                        while (it.hasNext()) {
                            LtxFileInfo f = it.next();
                            any = true;
                            if (j != null) {
                                j.add(entry(f));
                            } else {
                                t.add(f.level(), LtxNames.txid(f.minTxid()), LtxNames.txid(f.maxTxid()), f.size(),
                                        Times.rfc3339(f.createdAt()));
                            }
                        }
                    }
                }
                if (!any && !r.client().generations().isEmpty()) {
                    cli.err.println("note: " + r.client().location() + " holds litestream v0.3 generations, no LTX "
                            + "files: use generations, snapshots and wal to list them");
                }
            }
            if (j != null) {
                j.finish();
            } else {
                t.print(cli.out);
            }
        }
        return 0;
    }

    private static String entry(LtxFileInfo f) {
        return "{\n    \"level\": " + f.level() + ",\n    \"min_txid\": \"" + LtxNames.txid(f.minTxid())
                + "\",\n    \"max_txid\": \"" + LtxNames.txid(f.maxTxid()) + "\",\n    \"size\": " + f.size()
                + ",\n    \"timestamp\": \"" + Times.rfc3339(f.createdAt()) + "\"\n  }";
    }

    /** litestream's levelVar: 0-9 or "all", with its messages. */
    static List<Integer> levels(String s) {
        if (s.equals("all")) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i <= LtxNames.SNAPSHOT_LEVEL; i++) {
                all.add(i);
            }
            return all;
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new CliException("invalid level: must be 0-" + LtxNames.SNAPSHOT_LEVEL + " or \"all\"");
        }
        if (n < 0 || n > LtxNames.SNAPSHOT_LEVEL) {
            throw new CliException("level must be between 0 and " + LtxNames.SNAPSHOT_LEVEL);
        }
        return List.of(n);
    }

    /**
     * Prints a JSON array one element at a time, as Go's json.MarshalIndent(files, "", "  ") lays it out
     * ("[]" when empty), without holding the listing.
     */
    static final class JsonArrayPrinter {
        private final java.io.PrintStream out;
        private boolean first = true;

        JsonArrayPrinter(java.io.PrintStream out) {
            this.out = out;
        }

        void add(String element) {
            out.print(first ? "[\n  " : ",\n  ");
            out.print(element);
            first = false;
        }

        void finish() {
            out.println(first ? "[]" : "\n]");
            out.flush();
        }
    }
}
