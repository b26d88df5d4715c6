package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.BigReplica;
import dev.lsconsole.testing.ForkedJvm;
import dev.lsconsole.testing.Litestream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a person sends it to verify: a real SIGINT to a forked JVM running the real CLI on a replica
 * the real litestream made big enough that reading it and deep-checking it each last a while. The phase is
 * read from the CLI's phase trace, never guessed from a sleep. Exit 130 within a second, one line, no
 * report, and nothing left in the child's temp folder.
 */
class VerifyCtrlCTest {
    private static final int ROWS = 300_000;
    private static final int UPDATES = 4;
    private static final int ROWS_PER_UPDATE = 70_000;

    static Path work;
    static Path replica;

    @TempDir
    Path tmp;

    @BeforeAll
    static void bigReplica() throws Exception {
        work = Files.createTempDirectory("lsc-verify-ctrlc-");
        replica = BigReplica.make(work, ROWS, UPDATES, ROWS_PER_UPDATE);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Litestream.deleteTree(work);
    }

    @Test
    void ctrlCWhileReadingObjects() throws Exception {
        interruptAt("read", "done", "verify");
    }

    @Test
    void ctrlCDuringTheDeepCheck() throws Exception {
        interruptAt("deep", "done", "verify", "--deep");
    }

    /** Sends SIGINT once verify entered {@code phase}; checks it never reached {@code next}. */
    private void interruptAt(String phase, String next, String... args) throws Exception {
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        Path trace = tmp.resolve("trace.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Path stdout = tmp.resolve("stdout.txt");
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", // a background shell ignores SIGINT
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ForkedJvm.classpath(),
                "-Djava.io.tmpdir=" + childTmp, "-D" + PhaseTrace.PROPERTY + "=" + trace, "dev.lsconsole.Main"));
        cmd.addAll(List.of(args));
        cmd.add("file://" + replica);
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        try {
            BigReplica.waitFor("verify to enter phase " + phase, 120, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("verify ended before " + phase + ": " + ForkedJvm.read(stderr)
                            + ForkedJvm.read(trace));
                }
                return ForkedJvm.read(trace).lines().anyMatch(phase::equals);
            });
            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("verify exits after Ctrl-C").isTrue();
            long ms = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(ForkedJvm.read(trace).lines().toList()).as("interrupted in phase " + phase).doesNotContain(next);
            assertThat(ms).as("exit after the signal, in ms").isLessThanOrEqualTo(1000);
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(ForkedJvm.read(stderr)).isEqualTo("verify cancelled: no report written\n");
            assertThat(ForkedJvm.read(stdout)).isEmpty();
            try (Stream<Path> s = Files.walk(childTmp)) {
                assertThat(s.filter(f -> !f.equals(childTmp)).toList()).as("no temp files left").isEmpty();
            }
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }


}
