package dev.lsconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
import dev.lsconsole.testing.Litestream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code diff} command (snapshot of live, diff) against a ~60 MB WAL database, idle and while an
 * application writes ~100 transactions a second (target: loaded ≤ 2 × idle). Each run a fresh process of the
 * packaged jar, median of 3. Prints figures; not a timed test.
 */
@Tag("bench")
class LiveUnderLoadBenchmark {
    @TempDir
    Path dir;

    @Test
    void diffIdleAndUnderWrites() throws Exception {
        Path restored = dir.resolve("restored.db");
        Path live = dir.resolve("live.db");
        Dbs.exec(restored, "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, payload BLOB)",
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 400000) "
                        + "INSERT INTO items SELECT i, 'item ' || i, randomblob(120) FROM c",
                "CREATE TABLE a(v INTEGER)", "CREATE TABLE b(total INTEGER)", "INSERT INTO b VALUES (0)",
                "PRAGMA wal_checkpoint(TRUNCATE)");
        Files.copy(restored, live);
        Dbs.exec(live, "DELETE FROM items WHERE id % 1000 = 0");
        double idle = median(live, restored);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        Thread writer = new Thread(() -> write(live, stop, commits), "bench-writer");
        writer.start();
        double loaded;
        long t0 = System.nanoTime();
        long c0;
        try {
            while (commits.get() < 100) {
                Thread.sleep(10);
            }
            c0 = commits.get();
            t0 = System.nanoTime();
            loaded = median(live, restored);
        } finally {
            stop.set(true);
            writer.join();
        }
        double rate = (commits.get() - c0) / ((System.nanoTime() - t0) / 1e9);
        String report = String.format(Locale.ROOT, "diff of a %d MB WAL database: idle %.2f s, while written at "
                        + "%.0f tx/s %.2f s: %.2f x idle (target <= 2 x)", Files.size(live) >> 20, idle, rate, loaded,
                loaded / idle);
        System.out.println("\n=== live under load benchmark ===\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-live-under-load.txt"), report + "\n");
    }

    private double median(Path live, Path restored) {
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            Litestream.Result r = cli("diff", "--table", "items", restored.toString(), live.toString());
            t[i] = (System.nanoTime() - s) / 1e9;
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("400");
        }
        Arrays.sort(t);
        return t[1];
    }

    /** ~100 transactions a second (one every 10 ms), each keeping sum(a.v) = b.total. */
    private static void write(Path db, AtomicBoolean stop, AtomicLong commits) {
        try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            st.execute("PRAGMA synchronous = NORMAL");
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO a VALUES (?)");
                 PreparedStatement upd = c.prepareStatement("UPDATE b SET total = total + ?")) {
                long start = System.nanoTime();
                for (long n = 1; !stop.get() && n < 60_000; n++) {
                    ins.setLong(1, n);
                    ins.executeUpdate();
                    upd.setLong(1, n);
                    upd.executeUpdate();
                    c.commit();
                    commits.incrementAndGet();
                    long wait = start + n * 10_000_000L - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's writer failed", e);
        }
    }

    private Litestream.Result cli(String... args) {
        String jar = System.getProperty("bench.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + jar.replaceAll("\\.jar$", ".jsa"),
                "-jar", jar));
        cmd.addAll(List.of(args));
        return Litestream.run(dir, java.util.Map.of(), 600, cmd.toArray(String[]::new));
    }
}
