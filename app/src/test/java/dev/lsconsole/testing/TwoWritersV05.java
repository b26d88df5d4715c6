package dev.lsconsole.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The replicas > 1 accident with the real litestream v0.5.16: two processes replicate two different
 * databases to one replica path (file or S3Proxy), as tester-5 did. Each keeps its own TXIDs and they
 * overwrite each other's level-0 files. The order is fixed so the result is the same every run: A ships
 * TXIDs 1–4; B starts (it finds the replica ahead of its database and goes on from TXID 5) and ships 5
 * and 6; then A ships its own TXID 5 over B's. The replica ends with A's 5 followed by B's 6: a restore
 * to 6 applies B's pages on A's database.
 */
public final class TwoWritersV05 implements AutoCloseable {

    public final Path dir;
    public final S3Server s3;
    /** Where the files are on disk (the file replica's folder, or the prefix in S3Proxy's basedir). */
    public final Path replicaRoot;

    private TwoWritersV05(Path dir, boolean onS3) throws Exception {
        this.dir = dir;
        if (onS3) {
            Path base = Files.createDirectories(dir.resolve("s3"));
            s3 = S3Server.start(base);
            s3.createBucket(V05Replica.BUCKET);
            replicaRoot = base.resolve(V05Replica.BUCKET).resolve(V05Replica.S3_PATH);
        } else {
            s3 = null;
            replicaRoot = dir.resolve("replica");
        }
    }

    /** Makes the replica; {@code onS3}: in an S3Proxy bucket, else in {@code dir/replica}. */
    public static TwoWritersV05 make(Path dir, boolean onS3) throws Exception {
        return make(dir, onS3, false);
    }

    /**
     * The control: ONE process (database A) on the same kind of path, with what a single writer's chain may
     * hold that a naive check could take for a second writer: litestream checkpoints after every sync
     * (truncate-page-n 1: each new WAL starts with new salts at offset 32), a restart of litestream halfway,
     * and compaction into levels 1, 2 and snapshots (level 9) every few seconds.
     */
    public static TwoWritersV05 single(Path dir) throws Exception {
        return make(dir, false, true);
    }

    private static TwoWritersV05 make(Path dir, boolean onS3, boolean single) throws Exception {
        Litestream05.assumeAvailable();
        TwoWritersV05 w = new TwoWritersV05(dir, onS3);
        try {
            if (single) {
                w.runSingle();
            } else {
                w.run();
            }
            return w;
        } catch (Exception | Error e) {
            w.close();
            throw e;
        }
    }

    public Map<String, String> env() {
        return Map.of("LSC_TEST_KEY", S3Server.KEY, "LSC_TEST_SECRET", S3Server.SECRET,
                "LITESTREAM_ACCESS_KEY_ID", S3Server.KEY, "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
    }

    /** The replica URL the console reads (S3: litestream's {@code bucket.localhost:PORT} host form). */
    public String url() {
        return s3 == null ? replicaRoot.toUri().toString()
                : "s3://" + V05Replica.BUCKET + ".localhost:" + s3.port() + "/" + V05Replica.S3_PATH;
    }

    private void run() throws Exception {
        Path a = dir.resolve("a.db");
        Path b = dir.resolve("b.db");
        create(a, "a");
        create(b, "b");
        Process pa = start(a);
        Process pb = null;
        try {
            long txid = V05Replica.awaitShipped(log(a), 0, pa);
            while (txid < 4) {
                insert(a, "a" + txid);
                txid = V05Replica.awaitShipped(log(a), txid, pa);
            }
            pb = start(b);
            awaitSync(log(b), pb); // B's first sync: it finds the replica ahead of its database and takes its position
            long tb = 0;
            for (int i = 0; i < 5 && tb < 6; i++) {
                insert(b, "b" + i);
                tb = V05Replica.awaitShipped(log(b), tb, pb);
            }
            if (tb < 6) {
                throw new IllegalStateException("B shipped up to TXID " + tb + ", wanted 6: " + Files.readString(log(b)));
            }
            insert(a, "a5");
            txid = V05Replica.awaitShipped(log(a), txid, pa);
            if (txid != 5) {
                throw new IllegalStateException("A shipped TXID " + txid + ", wanted 5: " + Files.readString(log(a)));
            }
        } finally {
            V05Replica.stop(pa);
            if (pb != null) {
                V05Replica.stop(pb);
            }
        }
    }

    private void runSingle() throws Exception {
        Path a = dir.resolve("a.db");
        create(a, "a");
        long txid = 0;
        for (int run = 0; run < 2; run++) {
            Process p = start(a, "levels:\n  - interval: 1s\n  - interval: 2s\nsnapshot:\n  interval: 3s\n"
                    + "  retention: 1h\n", "    truncate-page-n: 1\n");
            try {
                if (run == 0) {
                    txid = V05Replica.awaitShipped(log(a), 0, p);
                }
                for (int i = 0; i < 10; i++) {
                    insert(a, "a" + run + "-" + i);
                    txid = V05Replica.awaitShipped(log(a), txid, p);
                    Thread.sleep(250);
                }
                if (run == 1) { // a compaction into every level after the last write (3 s snapshot interval)
                    Thread.sleep(3500);
                    awaitLevels(p, 1, 2, 9); // and, on a slow machine, until each level holds a file
                }
            } finally {
                V05Replica.stop(p);
            }
        }
    }

    /** Waits (at most 60 s) until each level holds a file (file layout ltx/N, S3Proxy 000N). */
    private void awaitLevels(Process p, int... levels) throws Exception {
        for (int i = 0; i < 600; i++) {
            boolean all = true;
            for (int level : levels) {
                Path file = replicaRoot.resolve("ltx").resolve(Integer.toString(level));
                Path s3 = replicaRoot.resolve(String.format("%04x", level));
                all &= nonEmpty(file) || nonEmpty(s3);
            }
            if (all) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("litestream replicate exited while compacting");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no compaction into every level in 60 s: " + replicaRoot);
    }

    private static boolean nonEmpty(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** Waits (at most 30 s) until the log shows litestream's first sync with the replica. */
    private static void awaitSync(Path log, Process p) throws Exception {
        for (int i = 0; i < 1500; i++) {
            if (Files.exists(log) && Files.readString(log).contains("msg=\"replica sync\"")) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("litestream replicate exited: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("litestream made no first sync in 30 s: " + log);
    }

    private Process start(Path db) throws Exception {
        return start(db, "", "");
    }

    private Process start(Path db, String top, String dbExtra) throws Exception {
        Path cfg = dir.resolve(db.getFileName() + ".yml");
        Files.writeString(cfg, top + "l0-retention: 1h\ndbs:\n  - path: " + db + "\n    monitor-interval: 20ms\n"
                + dbExtra + "    replica:\n" + replicaBlock("      "));
        return Litestream05.start(Litestream05.VERSION, dir, env(), log(db), "replicate", "-config", cfg.toString());
    }

    private String replicaBlock(String indent) {
        if (s3 == null) {
            return indent + "type: file\n" + indent + "path: " + replicaRoot + "\n" + indent + "sync-interval: 20ms\n";
        }
        return indent + "type: s3\n" + indent + "bucket: " + V05Replica.BUCKET + "\n" + indent + "path: "
                + V05Replica.S3_PATH + "\n" + indent + "endpoint: " + s3.endpoint() + "\n" + indent
                + "region: us-east-1\n" + indent + "force-path-style: true\n" + indent
                + "access-key-id: ${LSC_TEST_KEY}\n" + indent + "secret-access-key: ${LSC_TEST_SECRET}\n"
                + indent + "sync-interval: 20ms\n";
    }

    private Path log(Path db) {
        return dir.resolve(db.getFileName() + ".log");
    }

    private static void create(Path db, String name) throws Exception {
        try (Connection c = Dbs.openWriter(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            st.execute("CREATE TABLE only_" + name + "(x)");
            st.execute("INSERT INTO t(v) VALUES ('" + name + "0')");
        }
    }

    private static void insert(Path db, String v) throws Exception {
        try (Connection c = Dbs.openWriter(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t(v) VALUES ('" + v + "')");
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
