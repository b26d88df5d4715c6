package dev.lsconsole.cli;

import dev.lsconsole.testing.ForkedJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
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
            waitFor("litestream's first snapshot", 120, () -> count(replica, ".snapshot.lz4") > 0);
            try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                for (int i = 0; i < UPDATES; i++) {
                    int from = i * ROWS_PER_UPDATE;
                    st.executeUpdate("UPDATE t SET v = randomblob(100) WHERE id > " + from + " AND id <= "
                            + (from + ROWS_PER_UPDATE));
                    int indexes = i + 1;
                    waitFor("WAL index " + indexes + " replicated", 60, () -> walIndexes() >= indexes);
                }
            }
        } finally {
            ls.destroy(); // SIGTERM: litestream shuts down cleanly
            if (!ls.waitFor(30, TimeUnit.SECONDS)) {
                ls.destroyForcibly();
            }
        }
        assertThat(walIndexes()).as("several big WAL indexes to apply").isGreaterThanOrEqualTo(UPDATES);
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
            waitFor("the restore to enter phase " + phase, 120, () -> {
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

    private static long count(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // litestream is writing: look again
        }
    }

    /** Distinct WAL indexes in the replica (the hex prefix of segment names). */
    private static long walIndexes() {
        try (var s = Files.walk(replica)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wal.lz4"))
                    .map(n -> n.substring(0, 8)).distinct().count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void waitFor(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
