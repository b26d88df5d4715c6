package dev.lsconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Prints time ratios (ours / litestream); not a timed test. Run: {@code mvn -B -Pbench verify} (it runs
 * after {@code package} and times the packaged jar).
 */
@Tag("bench")
class RestoreBenchmark {
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void restoreVersusLitestream() throws Exception {
        String keep = System.getProperty("bench.dir");
        if (keep != null && !keep.isEmpty()) {
            dir = Files.createDirectories(Path.of(keep));
        }
        Path db = dir.resolve("big.db");
        long dbTarget = Long.getLong("bench.dbMB", 190) << 20;
        int txs = Integer.getInteger("bench.txs", 1300);
        Path s3dir = Files.createDirectories(dir.resolve("s3"));
        try (S3Server s3 = S3Server.start(s3dir)) {
            s3.createBucket("bench");
            Map<String, String> env = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                    "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
            Path config = Files.writeString(dir.resolve("litestream.yml"), "dbs:\n  - path: " + db + "\n"
                    + "    monitor-interval: 10ms\n    replicas:\n"
                    + "      - type: file\n        path: " + dir.resolve("replica") + "\n        sync-interval: 10ms\n"
                    + "      - type: s3\n        bucket: bench\n        path: big.db\n        endpoint: " + s3.endpoint()
                    + "\n        region: us-east-1\n        force-path-style: true\n        sync-interval: 10ms\n");
            long t0 = System.nanoTime();
            fill(db, dbTarget);
            Process ls = Litestream.start(dir, env, dir.resolve("replicate.log"), "replicate", "-config",
                    config.toString());
            try {
                waitForSnapshot(dir.resolve("replica"));
                churn(db, txs);
                Thread.sleep(3000);
            } finally {
                ls.destroy();
                ls.waitFor(60, TimeUnit.SECONDS);
            }
            long segments;
            try (var s = Files.walk(dir.resolve("replica"))) {
                segments = s.filter(p -> p.toString().endsWith(".wal.lz4")).count();
            }
            String setup = String.format(Locale.ROOT, "database %.0f MB, %d WAL segments, replica built in %.0f s",
                    Files.size(db) / 1048576.0, segments, (System.nanoTime() - t0) / 1e9);
            assertThat(segments).isGreaterThanOrEqualTo(1000);

            List<String> lines = new ArrayList<>();
            lines.add(setup);
            String file = "file://" + dir.resolve("replica");
            lines.add(compare("file", env, new String[] {file}));
            lines.add(compare("s3", env, new String[] {"-config", config.toString(), "-replica", "s3", db.toString()}));
            String report = String.join("\n", lines);
            System.out.println("\n=== restore benchmark ===\n" + report + "\n");
            Files.writeString(Path.of("target", "bench-restore.txt"), report + "\n");
        }
    }

    private String compare(String label, Map<String, String> env, String[] source) throws Exception {
        double[] theirs = new double[ROUNDS];
        double[] ours = new double[ROUNDS];
        double[] oursPlain = new double[ROUNDS];
        double[] oursQuick = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            Path a = dir.resolve("theirs-" + label + i + ".db");
            Path b = dir.resolve("ours-" + label + i + ".db");
            Path c = dir.resolve("ours-quick-" + label + i + ".db");
            Path d = dir.resolve("ours-plain-" + label + i + ".db");
            theirs[i] = time(() -> check(Litestream.exec(dir, env, args("-o", a, source)).exit()));
            ours[i] = time(() -> check(ourProcess(env, true, args("-o", b, source))));
            oursQuick[i] = time(() -> check(ourProcess(env, true, args("-o", c, concat("-verify", "none", source)))));
            oursPlain[i] = time(() -> check(ourProcess(env, false, args("-o", d, source))));
            assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
            assertThat(Files.mismatch(a, d)).isEqualTo(-1L);
            for (Path p : List.of(a, b, c, d)) {
                Files.delete(p);
            }
        }
        double t = median(theirs);
        double o = median(ours);
        double q = median(oursQuick);
        double p = median(oursPlain);
        return String.format(Locale.ROOT, "%-4s litestream %.2f s | ours %.2f s (ratio %.2f) with integrity_check,"
                + " %.2f s (ratio %.2f) without | plain `java -jar` %.2f s (ratio %.2f); each a fresh process,"
                + " median of %d", label, t, o, o / t, q, q / t, p, p / t, ROUNDS);
    }

    private static String[] concat(String a, String b, String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    private static String[] args(String flag, Path out, String[] source) {
        String[] a = new String[source.length + 3];
        a[0] = "restore";
        a[1] = flag;
        a[2] = out.toString();
        System.arraycopy(source, 0, a, 3, source.length);
        return a;
    }

    /** The packaged jar: through the launcher's JVM options, or as a plain {@code java -jar}. */
    private int ourProcess(Map<String, String> env, boolean launcher, String[] args) {
        String jar = System.getProperty("bench.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (launcher) {
            cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + jar.replaceAll("\\.jar$", ".jsa")));
        }
        cmd.addAll(List.of("-jar", jar));
        cmd.addAll(Arrays.asList(args));
        return Litestream.run(dir, env, 300, cmd.toArray(String[]::new)).exit();
    }

    interface Step {
        void run() throws Exception;
    }

    private static double time(Step s) throws Exception {
        long t = System.nanoTime();
        s.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static void check(int exit) {
        assertThat(exit).isZero();
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static void fill(Path db, long bytes) throws Exception {
        Random rnd = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE docs(id INTEGER PRIMARY KEY, title TEXT, body TEXT, score REAL)");
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

    static void waitForSnapshot(Path replica) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (var s = Files.walk(replica)) {
                if (s.anyMatch(p -> p.toString().endsWith(".snapshot.lz4"))) {
                    Thread.sleep(2000);
                    return;
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                // not created yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("litestream made no snapshot");
    }

    static void churn(Path db, int txs) throws Exception {
        Random rnd = new Random(9);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            c.setAutoCommit(false);
            PreparedStatement upd = c.prepareStatement("UPDATE docs SET body = ?, score = ? WHERE id = ?");
            for (int i = 0; i < txs; i++) {
                for (int k = 0; k < 8; k++) {
                    byte[] b = new byte[900];
                    rnd.nextBytes(b);
                    upd.setString(1, java.util.HexFormat.of().formatHex(b));
                    upd.setDouble(2, rnd.nextDouble());
                    upd.setInt(3, 1 + rnd.nextInt(90000));
                    upd.executeUpdate();
                }
                c.commit();
                Thread.sleep(12);
            }
        }
    }
}
