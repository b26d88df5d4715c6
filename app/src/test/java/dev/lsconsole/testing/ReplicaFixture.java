package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;

/**
 * Replicas made by the real litestream v0.3.13 from a real workload, once per test JVM: one database
 * replicated at the same time to a file replica and to an S3 replica on an in-process S3Proxy. Two
 * generations, made as in production (stop, lose the pod's disk, {@code litestream restore}, start
 * again); many transactions of varied size, checkpoints every few dozen pages (many WAL indexes),
 * updates, deletes, a WITHOUT ROWID table and a column added later.
 */
public final class ReplicaFixture {
    public static final String BUCKET = "backups";
    private static ReplicaFixture instance;

    public final Path dir;
    public final Path db;
    public final Path config;
    public final Path fileReplica;
    public final S3Server s3;
    public final Map<String, String> env;

    public static synchronized ReplicaFixture get() {
        if (instance == null) {
            try {
                instance = new ReplicaFixture();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the replica fixture: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.s3.close();
                    Litestream.deleteTree(instance.dir);
                } catch (Exception ignored) {
                    // best effort at JVM exit
                }
            }));
        }
        return instance;
    }

    private ReplicaFixture() throws Exception {
        dir = Files.createTempDirectory("lsc-fixture-");
        db = dir.resolve("app.db");
        fileReplica = dir.resolve("replica");
        Path s3dir = Files.createDirectories(dir.resolve("s3"));
        s3 = S3Server.start(s3dir);
        s3.createBucket(BUCKET);
        env = Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", S3Server.SECRET);
        config = dir.resolve("litestream.yml");
        Files.writeString(config, configText(db, fileReplica, s3.endpoint()));
        createSchema();
        Random rnd = new Random(42);
        replicate(() -> workload(rnd, 0, 450));
        // A new generation, as when the pod restarts: the disk is gone, run.sh restores, replication resumes.
        for (String f : new String[] {"app.db", "app.db-wal", "app.db-shm"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Litestream.deleteTree(dir.resolve(".app.db-litestream"));
        Litestream.Result r = Litestream.exec(dir, env, "restore", "-config", config.toString(), db.toString());
        if (r.exit() != 0) {
            throw new IllegalStateException("litestream restore failed: " + r.stdout() + r.stderr());
        }
        replicate(() -> {
            try (Connection c = open()) {
                c.createStatement().execute("ALTER TABLE users ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE");
            }
            workload(rnd, 450, 300);
        });
    }

    static String configText(Path db, Path fileReplica, String endpoint) {
        return "dbs:\n"
                + "  - path: " + db + "\n"
                + "    monitor-interval: 10ms\n"
                + "    min-checkpoint-page-count: 40\n"
                + "    replicas:\n"
                + "      - type: file\n"
                + "        path: " + fileReplica + "\n"
                + "        sync-interval: 10ms\n"
                + "      - type: s3\n"
                + "        bucket: " + BUCKET + "\n"
                + "        path: app.db\n"
                + "        endpoint: " + endpoint + "\n"
                + "        region: us-east-1\n"
                + "        force-path-style: true\n"
                + "        access-key-id: ${LSC_TEST_KEY}\n"
                + "        secret-access-key: $LSC_TEST_SECRET\n"
                + "        sync-interval: 10ms\n";
    }

    Connection open() throws Exception {
        return Dbs.openWriter(db);
    }

    private void createSchema() throws Exception {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, "
                    + "balance REAL, avatar BLOB)");
            st.execute("CREATE TABLE orders(user_id INTEGER, seq INTEGER, note TEXT, total REAL, "
                    + "PRIMARY KEY(user_id, seq)) WITHOUT ROWID");
            st.execute("CREATE TABLE events(kind TEXT, payload TEXT)");
        }
    }

    private void replicate(Litestream.Work work) throws Exception {
        Litestream.replicateWhile(dir, env, config, work);
    }

    private void workload(Random rnd, int start, int count) throws Exception {
        try (Connection c = open()) {
            c.setAutoCommit(false);
            PreparedStatement addUser = c.prepareStatement(
                    "INSERT INTO users(email, name, balance, avatar) VALUES (?, ?, ?, ?)");
            PreparedStatement addOrder = c.prepareStatement(
                    "INSERT OR REPLACE INTO orders(user_id, seq, note, total) VALUES (?, ?, ?, ?)");
            PreparedStatement event = c.prepareStatement("INSERT INTO events(kind, payload) VALUES (?, ?)");
            for (int i = start; i < start + count; i++) {
                addUser.setString(1, "user" + i + "@example.com");
                addUser.setString(2, "User " + i + " 'quoted' \u00e9");
                addUser.setDouble(3, rnd.nextGaussian() * 1000);
                byte[] avatar = new byte[i % 10 == 0 ? 20000 : 200 + rnd.nextInt(2000)];
                rnd.nextBytes(avatar);
                addUser.setBytes(4, avatar);
                addUser.executeUpdate();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    addOrder.setInt(1, i);
                    addOrder.setInt(2, k);
                    addOrder.setString(3, "x".repeat(rnd.nextInt(300)));
                    addOrder.setDouble(4, rnd.nextDouble() * 100);
                    addOrder.executeUpdate();
                }
                event.setString(1, "tick");
                event.setString(2, Long.toHexString(rnd.nextLong()));
                event.executeUpdate();
                if (i % 9 == 0) {
                    c.createStatement().executeUpdate("UPDATE users SET balance = balance + 1 WHERE id % 13 = "
                            + (i % 13));
                }
                if (i % 17 == 0) {
                    c.createStatement().executeUpdate("DELETE FROM events WHERE rowid IN (SELECT rowid FROM events "
                            + "ORDER BY rowid LIMIT 5)");
                }
                c.commit();
                Thread.sleep(i % 25 == 0 ? 40 : 3);
            }
        }
    }

    /** Copies the file replica, keeping modification times (they are its timeline). */
    public Path copyFileReplica(Path to) throws Exception {
        try (var s = Files.walk(fileReplica)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(fileReplica.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
