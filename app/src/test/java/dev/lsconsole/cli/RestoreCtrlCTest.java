package dev.lsconsole.cli;

import dev.lsconsole.testing.ForkedJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.Litestream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a person sends it: a real SIGINT to a forked JVM running the real CLI, in each phase of a
 * restore of a replica big enough (made by the real litestream) that every phase lasts a while. The
 * phase is read from the CLI's phase trace, never guessed from a sleep.
 */
class RestoreCtrlCTest {
    private static final int ROWS = 600_000;
    private static final int UPDATES = 8;
    private static final int ROWS_PER_UPDATE = 70_000;

    static Path work;
    static Path replica;

    @TempDir
    Path tmp;

    @BeforeAll
    static void bigReplica() throws Exception {
        work = Files.createTempDirectory("lsc-ctrlc-");
        replica = BigReplica.make(work, ROWS, UPDATES, ROWS_PER_UPDATE);
        assertThat(BigReplica.walIndexes(replica)).as("several big WAL indexes to apply").isGreaterThanOrEqualTo(UPDATES);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Litestream.deleteTree(work);
    }

    @Test
    void ctrlCWhileFetching() throws Exception {
        interruptAt("fetch", "apply 0");
    }

    @Test
    void ctrlCWhileApplyingWal() throws Exception {
        interruptAt("apply 0", "verify");
    }

    @Test
    void ctrlCDuringIntegrityCheck() throws Exception {
        interruptAt("verify", "done");
    }

    /** Sends SIGINT once the restore entered {@code phase}; checks it never reached {@code next}. */
    private void interruptAt(String phase, String next) throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path out = outDir.resolve("restored.db");
        Path trace = tmp.resolve("trace.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Path stdout = tmp.resolve("stdout.txt");
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", // a background shell ignores SIGINT
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ForkedJvm.classpath(), "-D" + PhaseTrace.PROPERTY + "=" + trace, "dev.lsconsole.Main",
                "restore", "--verify", "full", "-o", out.toString(), "file://" + replica));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        try {
            BigReplica.waitFor("the restore to enter phase " + phase, 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the restore ended before " + phase + ": " + ForkedJvm.read(stderr));
                }
                return ForkedJvm.read(trace).lines().anyMatch(phase::equals);
            });
            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the restore exits after Ctrl-C").isTrue();
            long ms = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(ForkedJvm.read(trace).lines().toList()).as("interrupted in phase " + phase).doesNotContain(next);
            assertThat(ms).as("exit after the signal, in ms").isLessThanOrEqualTo(1000);
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(ForkedJvm.read(stderr)).isEqualTo("restore cancelled: nothing written to " + out + "\n");
            assertThat(ForkedJvm.read(stdout)).isEmpty();
            try (var s = Files.list(outDir)) {
                assertThat(s.toList()).as("nothing at -o, no temp files beside it").isEmpty();
            }
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }



}
