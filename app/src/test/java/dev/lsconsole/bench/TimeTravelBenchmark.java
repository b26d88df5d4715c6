package dev.lsconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.testing.Litestream;
import dev.lsconsole.timetravel.RowHistory;
import dev.lsconsole.timetravel.RowProbe;
import dev.lsconsole.timetravel.Walk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
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
 * Time travel speed against one full restore by the real litestream v0.3.13, same replica, same run: a
 * file replica with over 1000 restore points (one small transaction each: an event appended, a document's
 * score changed, now and then an account), where the probed row ({@code accounts} id 17) changes three
 * times late in the generation, so bisect walks most of it. Measures, each a fresh process, best of 3:
 * {@code bisect} and {@code history} of that row, {@code changes} between the first and the last restore
 * point, and {@code litestream restore} of the newest point; prints the ratios (goals: bisect 1.5, history
 * 2, changes 2) and the load average, and writes target/bench-timetravel.txt. Run:
 * {@code mvn -B -Pbench verify -Dit.test=TimeTravelBenchmark}; {@code -Dbench.dir=DIR} keeps the replica
 * there and reuses it; {@code -Dbench.dbMB} and {@code -Dbench.txs} size it.
 */
@Tag("bench")
class TimeTravelBenchmark {
    static final int ROUNDS = 3;
    static final int KEY = 17;

    @TempDir
    Path dir;

    @Test
    void timeTravelVersusOneRestore() throws Exception {
        String keep = System.getProperty("bench.dir");
        if (keep != null && !keep.isEmpty()) {
            dir = Files.createDirectories(Path.of(keep));
        }
        Path db = dir.resolve("tt.db");
        Path replica = dir.resolve("replica");
        Path ready = dir.resolve("ready.txt");
        String setup;
        if (Files.exists(ready)) {
            setup = Files.readString(ready).trim() + " (reused from " + dir + ")";
        } else {
            setup = build(db, replica, Long.getLong("bench.dbMB", 40) << 20, Integer.getInteger("bench.txs", 1200));
            Files.writeString(ready, setup + "\n");
        }
        String url = "file://" + replica;
        Instant[] range = range(replica);
        List<String> lines = new ArrayList<>(List.of(setup, load()));
        Run theirs = new Run();
        Run bisect = new Run();
        Run history = new Run();
        Run changes = new Run();
        for (int i = 0; i < ROUNDS; i++) {
            Path out = dir.resolve("theirs-" + i + ".db");
            theirs.add(measure(List.of(Litestream.binary().toString(), "restore", "-o", out.toString(), url)));
            for (Path p : List.of(out, Path.of(out + ".tmp-shm"), Path.of(out + ".tmp-wal"))) {
                Files.deleteIfExists(p);
            }
            bisect.add(measure(ours("bisect", url, "--table", "accounts", "--key", Integer.toString(KEY))));
            history.add(measure(ours("history", url, "--table", "accounts", "--key", Integer.toString(KEY))));
            changes.add(measure(ours("changes", url, "--from", range[0].toString(), "--to", range[1].toString())));
        }
        assertThat(history.stdout).contains("changed").doesNotContain("error");
        assertThat(changes.stdout).contains("accounts").contains("events");
        double t = theirs.best;
        lines.add(String.format(Locale.ROOT, "litestream restore (newest point) %.2f s", t));
        lines.add(bisect.line("bisect (row)", t, 1.5));
        lines.add(history.line("history (row)", t, 2));
        lines.add(changes.line("changes (first .. last point)", t, 2));
        lines.add("each a fresh process (ours: the packaged jar through packaging/litestream-console.sh), best of "
                + ROUNDS);
        lines.add(inProcess(replica));
        lines.add(load());
        String report = String.join("\n", lines);
        System.out.println("\n=== time travel benchmark ===\n" + report + "\n");
        Files.writeString(Path.of("target", "bench-timetravel.txt"), report + "\n");
        assertThat(bisect.failure).isNull();
        assertThat(history.failure).isNull();
        assertThat(changes.failure).isNull();
    }

    /** Fills the database, replicates it with the real litestream through many small commits; says what it made. */
    private String build(Path db, Path replica, long dbBytes, int txs) throws Exception {
        long t0 = System.nanoTime();
        RestoreBenchmark.fill(db, dbBytes);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT, balance INTEGER)");
            st.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, at INTEGER, kind TEXT, data BLOB)");
            st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                    + " INSERT INTO accounts SELECT i, 'account ' || i, 1000 FROM n");
        }
        Path config = Files.writeString(dir.resolve("litestream.yml"), "dbs:\n  - path: " + db + "\n"
                + "    monitor-interval: 10ms\n    replicas:\n      - type: file\n        path: " + replica
                + "\n        sync-interval: 10ms\n");
        Process ls = Litestream.start(dir, Map.of(), dir.resolve("replicate.log"), "replicate", "-config",
                config.toString());
        try {
            RestoreBenchmark.waitForSnapshot(replica, dir.resolve("replicate.log"));
            churn(db, txs);
            Thread.sleep(3000);
        } finally {
            ls.destroy();
            ls.waitFor(60, TimeUnit.SECONDS);
        }
        int points = points(replica);
        assertThat(points).as("restore points").isGreaterThanOrEqualTo(1000);
        return String.format(Locale.ROOT, "database %.0f MB, %d restore points (%d transactions), replica built in %.0f s",
                Files.size(db) / 1048576.0, points, txs, (System.nanoTime() - t0) / 1e9);
    }

    /** One small commit per restore point; account 17 changes at 85, 90 and 95 % of the way. */
    private static void churn(Path db, int txs) throws Exception {
        Random rnd = new Random(11);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            int docs;
            try (var rs = st.executeQuery("SELECT max(id) FROM docs")) {
                docs = rs.getInt(1);
            }
            c.setAutoCommit(false);
            PreparedStatement ev = c.prepareStatement("INSERT INTO events(at, kind, data) VALUES (?, ?, randomblob(120))");
            PreparedStatement doc = c.prepareStatement("UPDATE docs SET score = ? WHERE id = ?");
            PreparedStatement acct = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
            for (int i = 0; i < txs; i++) {
                ev.setLong(1, System.currentTimeMillis());
                ev.setString(2, "kind " + (i % 5));
                ev.executeUpdate();
                doc.setDouble(1, rnd.nextDouble());
                doc.setInt(2, 1 + rnd.nextInt(docs));
                doc.executeUpdate();
                if (i % 40 == 0) { // accounts 1..16 now and then
                    acct.setInt(1, 1 + rnd.nextInt(50));
                    acct.setInt(2, 1 + (i / 40) % 16);
                    acct.executeUpdate();
                }
                if (i == txs * 85 / 100 || i == txs * 90 / 100 || i == txs * 95 / 100) { // account 17 three times
                    acct.setInt(1, 1 + rnd.nextInt(50));
                    acct.setInt(2, KEY);
                    acct.executeUpdate();
                }
                c.commit();
                Thread.sleep(15);
            }
        }
    }

    /**
     * Where the time goes, in this JVM (warm after the first round), best of ROUNDS: the walk alone, history
     * of the row reading it only where its pages changed, and reading it at every point.
     */
    private String inProcess(Path replica) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + replica))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            Path tmp = Files.createDirectories(dir.resolve("walks"));
            Walk walk = new Walk(r, gen, l, tmp, new Cancellation());
            RowProbe row = new RowProbe("accounts", List.of(Integer.toString(KEY)));
            double bare = Double.MAX_VALUE;
            double skip = Double.MAX_VALUE;
            double every = Double.MAX_VALUE;
            RowHistory.Result a = null;
            RowHistory.Result b = null;
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                walk.run((p, db) -> true);
                bare = Math.min(bare, (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                a = RowHistory.of(walk, row);
                skip = Math.min(skip, (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                b = RowHistory.of(walk.everyPoint(), row);
                every = Math.min(every, (System.nanoTime() - t) / 1e9);
            }
            assertThat(a.events()).isEqualTo(b.events()).hasSize(3);
            return String.format(Locale.ROOT, "in-process, warm, best of %d: the walk alone %.2f s; history reading the"
                    + " row only where its pages changed %.2f s (%d reads over %d points); reading it at every point"
                    + " %.2f s", ROUNDS, bare, skip, a.probed(), a.points(), every);
        }
    }

    private static int points(Path replica) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + replica))) {
            String gen = r.client().generations().get(0);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            return new Walk(r, gen, l, Path.of(System.getProperty("java.io.tmpdir")), new Cancellation()).points();
        }
    }

    /** The first restore point (the snapshot) and the last (the newest segment) of the latest generation. */
    private static Instant[] range(Path replica) throws Exception {
        try (Replica r = new ReplicaFactory(System::getenv, 2).open(ReplicaConfig.ofUrl("file://" + replica))) {
            List<String> gens = r.client().generations();
            String gen = gens.get(gens.size() - 1);
            RestorePlanner.Listing l = new RestorePlanner().list(r, gen);
            Instant first = Walk.firstSnapshot(l, gen).createdAt();
            Instant last = l.segments().stream().map(WalSegmentInfo::createdAt).max(Instant::compareTo).orElse(first);
            return new Instant[] {first, last};
        }
    }

    private static String load() {
        try {
            return "load average (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "load average: unknown";
        }
    }

    private List<String> ours(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "LSC_JAR=" + System.getProperty("bench.jar"),
                "JAVA_HOME=" + System.getProperty("java.home"), "sh",
                Path.of("..", "packaging", "litestream-console.sh").toAbsolutePath().normalize().toString()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private Measured measure(List<String> cmd) {
        long t = System.nanoTime();
        Litestream.Result r = Litestream.run(dir, Map.of(), 900, cmd.toArray(String[]::new));
        double secs = (System.nanoTime() - t) / 1e9;
        String failure = r.exit() == 0 ? null : r.stderr().lines().findFirst().orElse("exit " + r.exit());
        return new Measured(secs, r.stdout(), failure);
    }

    record Measured(double seconds, String stdout, String failure) {
    }

    /** Best time over rounds, the last output, and any failure. */
    private static final class Run {
        double best = Double.MAX_VALUE;
        String stdout = "";
        String failure;

        void add(Measured m) {
            best = Math.min(best, m.seconds());
            stdout = m.stdout();
            if (m.failure() != null) {
                failure = m.failure();
            }
        }

        String line(String what, double theirs, double goal) {
            double ratio = best / theirs;
            return String.format(Locale.ROOT, "%-30s %.2f s, ratio %.2f (goal <= %.1f: %s)%s", what, best, ratio, goal,
                    ratio <= goal ? "met" : "NOT met", failure == null ? "" : "; FAILED: " + failure);
        }
    }
}
