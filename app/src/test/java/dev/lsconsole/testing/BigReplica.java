package dev.lsconsole.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A file replica made by the real litestream v0.3.13 big enough that each phase of reading it lasts a
 * while (the Ctrl-C tests send a real SIGINT in a chosen phase): {@code rows} rows with an index, then
 * {@code updates} large updates, each replicated as its own WAL index before the next starts.
 */
public final class BigReplica {
    private BigReplica() {
    }

    /** Makes the database under {@code work} and its replica at {@code work/replica}; returns the replica. */
    public static Path make(Path work, int rows, int updates, int rowsPerUpdate) throws Exception {
        Path db = work.resolve("big.db");
        Path replica = work.resolve("replica");
        Dbs.exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT, v BLOB)", "CREATE INDEX t_k ON t(k)",
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " + rows + ") "
                        + "INSERT INTO t SELECT i, hex(randomblob(16)), randomblob(100) FROM c");
        Path config = Files.writeString(work.resolve("litestream.yml"), Litestream.fileReplicaConfig(db, replica, 40));
        Process ls = Litestream.start(work, Map.of(), work.resolve("litestream.log"), "replicate", "-config",
                config.toString());
        try {
            waitFor("litestream's first snapshot", 120, () -> count(replica, ".snapshot.lz4") > 0);
            try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                for (int i = 0; i < updates; i++) {
                    int from = i * rowsPerUpdate;
                    st.executeUpdate("UPDATE t SET v = randomblob(100) WHERE id > " + from + " AND id <= "
                            + (from + rowsPerUpdate));
                    int indexes = i + 1;
                    waitFor("WAL index " + indexes + " replicated", 60, () -> walIndexes(replica) >= indexes);
                }
            }
        } finally {
            ls.destroy(); // SIGTERM: litestream shuts down cleanly
            if (!ls.waitFor(30, TimeUnit.SECONDS)) {
                ls.destroyForcibly();
            }
        }
        return replica;
    }

    /** Files below {@code dir} whose names end with {@code suffix} (0 while litestream renames under us). */
    public static long count(Path dir, String suffix) {
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
    public static long walIndexes(Path replica) {
        try (var s = Files.walk(replica)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wal.lz4"))
                    .map(n -> n.substring(0, 8)).distinct().count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    public static void waitFor(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
