package dev.lsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.ForkedJvm;
import dev.lsconsole.testing.Litestream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
        Path db = work.resolve("big.db");
        replica = work.resolve("replica");
        Dbs.exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT, v BLOB)", "CREATE INDEX t_k ON t(k)",
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " + ROWS + ") "
                        + "INSERT INTO t SELECT i, hex(randomblob(16)), randomblob(100) FROM c");
        Path config = Files.writeString(work.resolve("litestream.yml"), "dbs:\n  - path: " + db
                + "\n    monitor-interval: 10ms\n    min-checkpoint-page-count: 40\n    replicas:\n      - type: file\n"
                + "        path: " + replica + "\n        sync-interval: 10ms\n");
        Process ls = Litestream.start(work, Map.of(), work.resolve("litestream.log"), "replicate", "-config",
                config.toString());
        try {
            waitFor("litestream's first snapshot", 120, () -> count(".snapshot.lz4") > 0);
            try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                for (int i = 0; i < UPDATES; i++) {
                    int from = i * ROWS_PER_UPDATE;
                    st.executeUpdate("UPDATE t SET v = randomblob(100) WHERE id > " + from + " AND id <= "
                            + (from + ROWS_PER_UPDATE));
                    long segments = count(".wal.lz4");
                    waitFor("update " + (i + 1) + " replicated", 60, () -> count(".wal.lz4") > segments);
                }
            }
            Thread.sleep(500);
        } finally {
            ls.destroy(); // SIGTERM: litestream shuts down cleanly
            if (!ls.waitFor(30, TimeUnit.SECONDS)) {
                ls.destroyForcibly();
            }
        }
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
            waitFor("verify to enter phase " + phase, 120, () -> {
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

    private static long count(String suffix) {
        if (!Files.isDirectory(replica)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(replica)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // litestream is writing: look again
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }
}
