package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The replicas > 1 accident, made with the real litestream v0.3.13: two processes replicate two copies of
 * a database to one file replica path at the same time, leaving two interleaved generations.
 */
public final class TwoWriters {
    private TwoWriters() {
    }

    /** Makes the replica at {@code dir/replica}; returns its path. */
    public static Path replica(Path dir) throws Exception {
        Path replica = dir.resolve("replica");
        List<Process> procs = new ArrayList<>();
        List<Path> dbs = List.of(dir.resolve("a.db"), dir.resolve("b.db"));
        try {
            for (Path db : dbs) {
                createDb(db);
                Path cfg = dir.resolve(db.getFileName() + ".yml");
                Files.writeString(cfg, "dbs:\n  - path: " + db + "\n    monitor-interval: 10ms\n    replicas:\n"
                        + "      - type: file\n        path: " + replica + "\n        sync-interval: 10ms\n");
                procs.add(Litestream.start(dir, Map.of(), dir.resolve(db.getFileName() + ".log"), "replicate",
                        "-config", cfg.toString()));
            }
            Thread.sleep(1500);
            write(dbs, 4000);
            Thread.sleep(500);
        } finally {
            for (Process p : procs) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        return replica;
    }

    /** The replica's generations, by name. */
    public static List<String> generations(Path replica) throws Exception {
        try (Stream<Path> s = Files.list(replica.resolve("generations"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void createDb(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        }
    }

    /** Both databases take a transaction in turn for {@code millis}. */
    private static void write(List<Path> dbs, long millis) throws Exception {
        List<Connection> cs = new ArrayList<>();
        try {
            for (Path db : dbs) {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                c.createStatement().execute("PRAGMA busy_timeout=10000");
                cs.add(c);
            }
            long end = System.nanoTime() + millis * 1_000_000;
            for (int i = 0; i < 100_000 && System.nanoTime() < end; i++) {
                for (Connection c : cs) {
                    c.createStatement().executeUpdate("INSERT INTO t(v) VALUES ('" + "x".repeat(200) + i + "')");
                }
                Thread.sleep(20);
            }
        } finally {
            for (Connection c : cs) {
                c.close();
            }
        }
    }
}
