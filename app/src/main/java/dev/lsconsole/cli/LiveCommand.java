package dev.lsconsole.cli;

import dev.lsconsole.live.LiveTarget;
import dev.lsconsole.live.LiveTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** What diff and push share: the restored file, the live address, and a local snapshot of live. */
abstract class LiveCommand implements Callable<Integer> {
    @ParentCommand
    Cli cli;

    @Parameters(index = "0", paramLabel = "RESTORED_DB", description = "A restored database file.")
    Path restored;

    @Parameters(index = "1", paramLabel = "LIVE", description = "The live database: a path, or "
            + "k8s://[CONTEXT@]NAMESPACE/POD[:CONTAINER]/PATH.")
    String live;

    @Option(names = "--where", paramLabel = "SQL", description = "Only rows matching this condition (both sides).")
    String where;

    @Option(names = {"-v", "--verbose"}, description = "Verbose output.")
    boolean verbose;

    /** Reads live once into a local temp file (deleted afterwards) and runs {@code work} on it. */
    <T> T withSnapshot(LiveTarget target, SnapshotWork<T> work) throws Exception {
        Cli.setVerbose(verbose);
        if (!Files.isRegularFile(restored)) {
            throw new CliException("restored database not found: " + restored);
        }
        Path dir = Files.createTempDirectory("lsc-live-");
        Path snap = dir.resolve("live.db");
        try {
            target.snapshotTo(snap);
            return work.run(snap);
        } finally {
            for (String s : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(dir.resolve("live.db" + s));
            }
            Files.deleteIfExists(dir);
        }
    }

    LiveTarget target() {
        return LiveTargets.open(live, cli.env);
    }

    interface SnapshotWork<T> {
        T run(Path snapshot) throws IOException, Exception;
    }
}
