package dev.lsconsole.cli;

import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.health.Verifier;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** verify: read every object of every generation and prove what can be restored (see {@link Verifier}). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Read and check every object of every generation.",
            "LZ4 frames, WAL headers, salts, checksums and offsets, snapshots.",
            "Ends with each generation's restorable windows.",
            "Exit 0 ok, 1 problems found, 2 could not run."})
final class VerifyCommand extends HealthCommand {
    @Option(names = {"-generation", "--generation"}, paramLabel = "NAME", description = "Only this generation.")
    String generation;

    @Option(names = {"--deep", "-deep"}, description = "Also restore each snapshot alone and each generation's newest "
            + "point to a temp file and run integrity_check on it.")
    boolean deep;

    @Option(names = {"--parallelism", "-parallelism"}, paramLabel = "N", defaultValue = "8",
            description = "Objects read at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    private volatile Verifier current;

    @Override
    void validate() {
        checkParallelism(parallelism);
    }

    @Override
    ReplicaReport run(Replica replica, Instant now, Cancellation cancel) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory(cli.tempRoot(), "lsc-verify-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder in " + cli.tempRoot() + ": "
                    + dev.lsconsole.LocalFiles.reason(e), e);
        }
        try {
            Verifier v = new Verifier(new Verifier.Options(generation, deep, parallelism, tmp), cancel);
            current = v;
            PhaseTrace trace = PhaseTrace.fromSystemProperty();
            if (trace != null) {
                v.onPhase(trace::phase);
            }
            return v.verify(replica, now);
        } finally {
            deleteTree(tmp);
        }
    }

    @Override
    String progress() {
        Verifier v = current;
        if (v == null) {
            return null;
        }
        long[] p = v.progress();
        return "verify: " + p[0] + " objects read, " + (p[1] >> 20) + " MB";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder
        }
    }
}
