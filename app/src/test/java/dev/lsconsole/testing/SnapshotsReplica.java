package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A file replica made by the real litestream v0.3.13 with a short {@code snapshot-interval}: one generation
 * holding several snapshots at different WAL indexes, each followed by WAL, so a fault in the middle of the
 * generation leaves a later snapshot to restore from. Built once per test JVM; tests damage copies.
 */
public final class SnapshotsReplica {
    private static SnapshotsReplica instance;

    public final Path dir;
    public final Path replica;

    public static synchronized SnapshotsReplica get() {
        if (instance == null) {
            try {
                instance = new SnapshotsReplica();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the snapshots replica: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Litestream.deleteTree(instance.dir);
                } catch (Exception ignored) {
                    // best effort at JVM exit
                }
            }));
        }
        return instance;
    }

    private SnapshotsReplica() throws Exception {
        dir = Files.createTempDirectory("lsc-snapshots-");
        Path db = dir.resolve("app.db");
        replica = dir.resolve("replica");
        Dbs.exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", "CREATE INDEX t_v ON t(v)");
        Path cfg = Files.writeString(dir.resolve("litestream.yml"), "dbs:\n  - path: " + db
                + "\n    monitor-interval: 10ms\n    min-checkpoint-page-count: 20\n    replicas:\n"
                + "      - type: file\n        path: " + replica + "\n        sync-interval: 10ms\n"
                + "        snapshot-interval: 1s\n");
        Process p = Litestream.start(dir, Map.of(), dir.resolve("litestream.log"), "replicate", "-config",
                cfg.toString());
        try {
            Thread.sleep(1500);
            try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout=10000");
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5000);
                for (int i = 0; i < 100_000 && System.nanoTime() < end; i++) {
                    st.executeUpdate("INSERT INTO t(v) VALUES ('" + "v".repeat(300) + i + "')");
                    Thread.sleep(10);
                }
            }
            Thread.sleep(1000);
        } finally {
            p.destroy(); // SIGTERM: litestream shuts down cleanly
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (generations(replica).size() != 1 || snapshots(replica).size() < 3) {
            throw new IllegalStateException("expected one generation with several snapshots in " + replica);
        }
    }

    /** Copies the replica, keeping modification times (they are its timeline). */
    public Path copy(Path to) throws Exception {
        try (Stream<Path> s = Files.walk(replica)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(replica.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    public static List<Path> generations(Path replica) throws Exception {
        return list(replica.resolve("generations"));
    }

    /** The snapshots of the (only) generation, by index. */
    public static List<Path> snapshots(Path replica) throws Exception {
        return list(generations(replica).get(0).resolve("snapshots"));
    }

    /** The WAL segments of the (only) generation, in (index, offset) order. */
    public static List<Path> walSegments(Path replica) throws Exception {
        return list(generations(replica).get(0).resolve("wal"));
    }

    /** The WAL index (or snapshot index) in an object's name. */
    public static int index(Path object) {
        return Integer.parseInt(object.getFileName().toString().substring(0, 8), 16);
    }

    private static List<Path> list(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(out::add);
        }
        return out;
    }
}
