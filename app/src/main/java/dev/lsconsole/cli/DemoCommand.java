package dev.lsconsole.cli;

import dev.lsconsole.demo.DemoWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Unpacks the demo workspace and shows (or, with --walk, runs) the recovery flow on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Unpack the demo workspace and walk through a recovery.",
            "No cloud, no cluster: a shop database lost the invoices of its team customers;",
            "bring them back."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to unpack (default: a new temp directory).")
    Path dir;

    @Option(names = "--walk", description = "Run the steps: timeline, restore before the accident, diff, push preview.")
    boolean walk;

    /** $TMPDIR (created if missing, as time travel does), else the JVM's temp directory. */
    private Path tempRoot() throws java.io.IOException {
        return Files.createDirectories(cli.tempRoot());
    }

    @Override
    public Integer call() throws Exception {
        DemoWorkspace w = DemoWorkspace.unpack(dir != null ? dir
                : Files.createTempDirectory(tempRoot(), "litestream-console-demo-"));
        String me = "litestream-console";
        Path before = w.dir().resolve("before-accident.db");
        String[][] steps = {
            {"timeline", "-config", w.config().toString(), w.liveDb().toString()},
            {"restore", "-config", w.config().toString(), "-timestamp", w.beforeAccident().toString(), "-o",
                before.toString(), w.liveDb().toString()},
            {"diff", before.toString(), w.liveDb().toString()},
            {"push", before.toString(), w.liveDb().toString(), "--table", "invoices", "--all-missing", "--dry-run"},
        };
        cli.out.println("Demo workspace: " + w.dir());
        cli.out.println("  live database " + w.liveDb() + ", its replica " + w.replica() + ", config " + w.config());
        cli.out.println("  At " + w.accident() + " a cleanup job deleted the invoices of every \"team\" customer;");
        cli.out.println("  a later release added a column to customers. Bring the invoices back:");
        for (String[] step : steps) {
            cli.out.println("\n$ " + me + " " + String.join(" ", step));
            if (walk) {
                cli.out.flush();
                int code = Cli.run(step, cli.env, cli.out, cli.err); // the same handling as a command line of its own
                if (code != 0) {
                    return code;
                }
            }
        }
        cli.out.println("\nThen write them for real: the last command without --dry-run (it asks, or add --yes).");
        return 0;
    }
}
