package dev.lsconsole.bench;

import static dev.lsconsole.bench.BenchRuns.args;
import static dev.lsconsole.bench.BenchRuns.concat;
import static dev.lsconsole.bench.BenchRuns.integrity;
import static dev.lsconsole.bench.BenchRuns.load;
import static dev.lsconsole.bench.BenchRuns.measure;
import static dev.lsconsole.bench.BenchRuns.ourCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.bench.BenchRuns.Run;

import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore speed against the real litestream v0.3.13 on the same replicas in the same run: a ~200 MB
 * database with over 1000 WAL segments, replicated to a file replica and to S3Proxy on loopback.
 * Prints time ratios (ours / litestream) and each process's peak RSS (mapped file pages included); not
 * a timed test. Run: {@code mvn -B -Pbench verify} (it runs after {@code package} and times the
 * packaged jar). {@code -Dbench.size=large} builds a ~1.1 GB database with ~3 GB of WAL instead (file
 * replica only unless {@code -Dbench.s3=true}; it takes a while). {@code -Dbench.dir=DIR} keeps the
 * replicas there and reuses them on the next run.
 */
@Tag("bench")
class RestoreBenchmark {
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void restoreVersusLitestream() throws Exception {
        boolean large = "large".equals(System.getProperty("bench.size"));
        String keep = System.getProperty("bench.dir");
        if (keep != null && !keep.isEmpty()) {
            dir = Files.createDirectories(Path.of(keep));
        }
        Path db = dir.resolve("big.db");
        long dbTarget = Long.getLong("bench.dbMB", large ? 1100 : 190) << 20;
        int txs = Integer.getInteger("bench.txs", 1300);
        int rowsPerTx = Integer.getInteger("bench.rowsPerTx", large ? 150 : 8);
        boolean withS3 = Boolean.parseBoolean(System.getProperty("bench.s3", Boolean.toString(!large)));
        Path s3dir = Files.createDirectories(dir.resolve("s3"));
        try (S3Server s3 = S3Server.start(s3dir)) {
            Map<String, String> env = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                    "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
            Path config = Files.writeString(dir.resolve("litestream.yml"), "dbs:\n  - path: " + db + "\n"
                    + "    monitor-interval: 10ms\n    replicas:\n"
                    + "      - type: file\n        path: " + dir.resolve("replica") + "\n        sync-interval: 10ms\n"
                    + (withS3 ? "      - type: s3\n        bucket: bench\n        path: big.db\n        endpoint: "
                    + s3.endpoint() + "\n        region: us-east-1\n        force-path-style: true\n"
                    + "        sync-interval: 10ms\n" : ""));
            Path ready = dir.resolve("ready.txt");
            String setup;
            if (Files.exists(ready)) {
                setup = Files.readString(ready).trim() + " (reused from " + dir + ")";
            } else {
                if (withS3) {
                    s3.createBucket("bench");
                }
                setup = build(db, dbTarget, txs, rowsPerTx, env, config);
                Files.writeString(ready, setup + "\n");
            }
            List<String> lines = new ArrayList<>();
            lines.add(setup);
            lines.add(load());
            String file = "file://" + dir.resolve("replica");
            lines.add(compare("file", env, new String[] {file}));
            if (withS3) {
                lines.add(compare("s3", env, new String[] {"-config", config.toString(), "-replica", "s3",
                        db.toString()}));
            }
            lines.add(load());
            String report = String.join("\n", lines);
            System.out.println("\n=== restore benchmark ===\n" + report + "\n");
            Files.writeString(Path.of("target", large ? "bench-restore-large.txt" : "bench-restore.txt"), report + "\n");
        }
    }

    /** Fills the database, replicates it with the real litestream while it changes; returns a summary line. */
    private String build(Path db, long dbTarget, int txs, int rowsPerTx, Map<String, String> env, Path config)
            throws Exception {
        long t0 = System.nanoTime();
        fill(db, dbTarget);
        Process ls = Litestream.start(dir, env, dir.resolve("replicate.log"), "replicate", "-config",
                config.toString());
        try {
            waitForSnapshot(dir.resolve("replica"), dir.resolve("replicate.log"));
            churn(db, txs, rowsPerTx);
            Thread.sleep(3000);
        } finally {
            ls.destroy();
            ls.waitFor(60, TimeUnit.SECONDS);
        }
        long segments;
        long walBytes;
        long snapshotBytes;
        try (var s = Files.walk(dir.resolve("replica"))) {
            List<Path> all = s.filter(Files::isRegularFile).toList();
            segments = all.stream().filter(p -> p.toString().endsWith(".wal.lz4")).count();
            walBytes = all.stream().filter(p -> p.toString().endsWith(".wal.lz4")).mapToLong(RestoreBenchmark::size).sum();
            snapshotBytes = all.stream().filter(p -> p.toString().endsWith(".snapshot.lz4"))
                    .mapToLong(RestoreBenchmark::size).sum();
        }
        if (rowsPerTx < 50) { // the default size: many small segments; the large one writes fewer, larger ones
            assertThat(segments).isGreaterThanOrEqualTo(1000);
        }
        return String.format(Locale.ROOT, "database %.0f MB, %d WAL segments (%.0f MB LZ4), snapshot %.0f MB LZ4,"
                        + " replica built in %.0f s", Files.size(db) / 1048576.0, segments, walBytes / 1048576.0,
                snapshotBytes / 1048576.0, (System.nanoTime() - t0) / 1e9);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Best of ROUNDS for time (a shared machine only ever adds time); the highest peak RSS seen. */
    private String compare(String label, Map<String, String> env, String[] source) throws Exception {
        Run theirs = new Run();
        Run ours = new Run();
        Run oursNone = new Run();
        Run oursFull = new Run();
        Run oursPlain = new Run();
        String theirsCheck = "";
        for (int i = 0; i < ROUNDS; i++) {
            Path a = dir.resolve("theirs-" + label + i + ".db");
            Path b = dir.resolve("ours-" + label + i + ".db");
            Path c = dir.resolve("ours-none-" + label + i + ".db");
            Path e = dir.resolve("ours-full-" + label + i + ".db");
            Path d = dir.resolve("ours-plain-" + label + i + ".db");
            List<String> ls = new ArrayList<>(List.of(Litestream.binary().toString()));
            ls.addAll(Arrays.asList(args("-o", a, source)));
            theirs.add(measure(dir, env, ls));
            if (i == 0) {
                theirsCheck = integrity(a);
            }
            ours.add(measure(dir, env, ourCommand(true, args("-o", b, source))));
            oursNone.add(measure(dir, env, ourCommand(true, args("-o", c, concat("-verify", "none", source)))));
            oursFull.add(measure(dir, env, ourCommand(true, args("-o", e, concat("-verify", "full", source)))));
            oursPlain.add(measure(dir, env, ourCommand(false, args("-o", d, source))));
            if (ours.failure == null) {
                assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
                assertThat(Files.mismatch(a, d)).isEqualTo(-1L);
            }
            for (Path p : List.of(a, b, c, d, e, Path.of(a + ".tmp-shm"), Path.of(a + ".tmp-wal"))) {
                Files.deleteIfExists(p); // litestream leaves its -shm and -wal behind
            }
        }
        double t = theirs.best;
        return String.format(Locale.ROOT, "%-4s litestream %.2f s, peak RSS %s; its output's integrity_check: %s"
                        + "%n     ours (launcher, default verify) %.2f s (ratio %.2f), peak RSS %s"
                        + "%n     ours -verify full %.2f s (ratio %.2f), peak RSS %s"
                        + "%n     ours -verify none %.2f s (ratio %.2f), peak RSS %s"
                        + "%n     ours plain `java -jar` %.2f s (ratio %.2f), peak RSS %s"
                        + "%n     each a fresh process, best of %d",
                label, t, theirs.rss(), theirsCheck, ours.best, ours.best / t, ours.rss(), oursFull.best, oursFull.best / t,
                oursFull.rss(), oursNone.best, oursNone.best / t, oursNone.rss(), oursPlain.best, oursPlain.best / t,
                oursPlain.rss(), ROUNDS);
    }

    static void fill(Path db, long bytes) throws Exception {
        Random rnd = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, body TEXT, score REAL)");
            // Indexes, as real databases have: integrity_check cross-checks each against the table.
            st.execute("CREATE INDEX docs_title ON docs(title)");
            st.execute("CREATE INDEX docs_score ON docs(score)");
            c.setAutoCommit(false);
            PreparedStatement ins = c.prepareStatement("INSERT INTO docs(title, body, score) VALUES (?, ?, ?)");
            long written = 0;
            String words = "litestream sqlite replica restore snapshot generation wal segment kubernetes pod ";
            while (written < bytes) {
                for (int i = 0; i < 1000; i++) {
                    StringBuilder sb = new StringBuilder();
                    while (sb.length() < 1800) {
                        int k = rnd.nextInt(words.length() - 12);
                        sb.append(words, k, k + 10).append(rnd.nextInt(100000));
                    }
                    ins.setString(1, "doc " + written);
                    ins.setString(2, sb.toString());
                    ins.setDouble(3, rnd.nextDouble());
                    ins.addBatch();
                    written += sb.length() + 40;
                }
                ins.executeBatch();
                c.commit();
            }
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** Waits until litestream says the first snapshot is written (a large one takes a while to compress). */
    static void waitForSnapshot(Path replica, Path log) throws Exception {
        for (int i = 0; i < 3000; i++) {
            if (Files.exists(log) && Files.readString(log).contains("snapshot written")) {
                Thread.sleep(1000);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("litestream made no snapshot in " + replica);
    }

    static void churn(Path db, int txs, int rowsPerTx) throws Exception {
        Random rnd = new Random(9);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            c.setAutoCommit(false);
            int rows;
            try (var rs = st.executeQuery("SELECT max(id) FROM docs")) {
                rows = rs.getInt(1);
            }
            PreparedStatement upd = c.prepareStatement("UPDATE docs SET body = ?, score = ? WHERE id = ?");
            for (int i = 0; i < txs; i++) {
                for (int k = 0; k < rowsPerTx; k++) {
                    byte[] b = new byte[900];
                    rnd.nextBytes(b);
                    upd.setString(1, java.util.HexFormat.of().formatHex(b));
                    upd.setDouble(2, rnd.nextDouble());
                    upd.setInt(3, 1 + rnd.nextInt(rows));
                    upd.executeUpdate();
                }
                c.commit();
                Thread.sleep(12);
            }
        }
    }
}
