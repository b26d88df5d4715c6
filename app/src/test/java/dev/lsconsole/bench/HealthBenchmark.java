package dev.lsconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Litestream;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health speed against the real litestream v0.3.13 on the same replicas in the same run (the issue's
 * goals): {@code verify} of a ~100 MB, ~1500-segment replica against litestream's {@code restore} of it,
 * and {@code check} against litestream's {@code wal} listing; file replica and S3Proxy on loopback.
 * Prints ratios (ours / litestream); not a timed test. Run: {@code mvn -B -Pbench verify
 * -Dit.test=HealthBenchmark}.
 */
@Tag("bench")
class HealthBenchmark {
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void verifyAndCheckVersusLitestream() throws Exception {
        Path db = dir.resolve("big.db");
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
            RestoreBenchmark.fill(db, Long.getLong("bench.dbMB", 100) << 20);
            Process ls = Litestream.start(dir, env, dir.resolve("replicate.log"), "replicate", "-config",
                    config.toString());
            try {
                RestoreBenchmark.waitForSnapshot(dir.resolve("replica"), dir.resolve("replicate.log"));
                RestoreBenchmark.churn(db, Integer.getInteger("bench.txs", 1500), 8);
                Thread.sleep(3000);
            } finally {
                ls.destroy();
                ls.waitFor(60, TimeUnit.SECONDS);
            }
            long segments;
            try (var s = Files.walk(dir.resolve("replica"))) {
                segments = s.filter(p -> p.toString().endsWith(".wal.lz4")).count();
            }
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "database %.0f MB, %d WAL segments", Files.size(db) / 1048576.0,
                    segments));
            String[][] sources = {{"file://" + dir.resolve("replica")},
                {"-config", config.toString(), "-replica", "s3", db.toString()}};
            String[] labels = {"file", "s3"};
            for (int i = 0; i < sources.length; i++) {
                lines.add(compare(labels[i], env, sources[i]));
            }
            String report = String.join("\n", lines);
            System.out.println("\n=== health benchmark ===\n" + report + "\n");
            Files.writeString(Path.of("target", "bench-health.txt"), report + "\n");
        }
    }

    private String compare(String label, Map<String, String> env, String[] source) throws Exception {
        double[] restore = new double[ROUNDS];
        double[] verify = new double[ROUNDS];
        double[] wal = new double[ROUNDS];
        double[] check = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            Path out = dir.resolve("theirs-" + label + i + ".db");
            restore[i] = time(() -> Litestream.exec(dir, env, with(new String[] {"restore", "-o", out.toString()},
                    source)).exit());
            Files.delete(out);
            verify[i] = time(() -> ours(env, with(new String[] {"verify"}, source)));
            wal[i] = time(() -> Litestream.exec(dir, env, with(new String[] {"wal"}, source)).exit());
            check[i] = time(() -> ours(env, with(new String[] {"check", "--max-lag", "24h"}, source)));
        }
        double r = best(restore);
        double v = best(verify);
        double w = best(wal);
        double c = best(check);
        return String.format(Locale.ROOT, "%-4s verify %.2f s vs litestream restore %.2f s (ratio %.2f) | check %.2f s"
                + " vs litestream wal %.2f s (ratio %.2f); each a fresh process, best of %d", label, v, r, v / r, c,
                w, c / w, ROUNDS);
    }

    private static double best(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static String[] with(String[] head, String[] source) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of(source));
        return a.toArray(String[]::new);
    }

    /** The packaged jar, with the launcher's JVM options; exit 0 required (the replica is clean). */
    private int ours(Map<String, String> env, String[] args) {
        String jar = System.getProperty("bench.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + jar.replaceAll("\\.jar$", ".jsa"), "-jar", jar));
        cmd.addAll(List.of(args));
        Litestream.Result r = Litestream.run(dir, env, 300, cmd.toArray(String[]::new));
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stdout() + r.stderr()).isZero();
        return r.exit();
    }

    interface Step {
        int run() throws Exception;
    }

    private static double time(Step s) throws Exception {
        long t = System.nanoTime();
        assertThat(s.run()).isZero();
        return (System.nanoTime() - t) / 1e9;
    }
}
