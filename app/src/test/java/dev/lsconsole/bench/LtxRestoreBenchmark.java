package dev.lsconsole.bench;

import static dev.lsconsole.bench.BenchRuns.args;
import static dev.lsconsole.bench.BenchRuns.concat;
import static dev.lsconsole.bench.BenchRuns.integrity;
import static dev.lsconsole.bench.BenchRuns.load;
import static dev.lsconsole.bench.BenchRuns.measure;
import static dev.lsconsole.bench.BenchRuns.ourCommand;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.bench.BenchRuns.Run;
import dev.lsconsole.testing.Litestream05;
import dev.lsconsole.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore speed of a v0.5 (LTX) replica against the real litestream v0.5.16 on the same replicas in the
 * same run (issue 11's goal: ours ≤ 0.7× litestream's time). A ~100 MB database is replicated by
 * {@code litestream replicate} v0.5.16 to a file replica and (a byte-for-byte copy of the database, the
 * same workload) to S3Proxy on loopback while a workload changes it, with short compaction intervals so
 * the restore plan takes a snapshot (L9) and L2, L1 and L0 files. Each restore is a fresh process, best of
 * 3, with its peak RSS and the load average. litestream v0.5.16 runs no integrity check by default
 * ({@code -integrity-check none}), ours runs SQLite's full integrity_check: both pairs are timed
 * (theirs default vs ours default and vs ours {@code -verify none}; theirs {@code -integrity-check full}
 * vs ours default). Run: {@code mvn -B -Pbench verify -Dit.test=LtxRestoreBenchmark}; {@code
 * -Dbench.dir=DIR} keeps the replicas there and reuses them on the next run.
 */
@Tag("bench")
class LtxRestoreBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final String BUCKET = "bench";

    @TempDir
    Path dir;

    @Test
    void restoreVersusLitestream05() throws Exception {
        Litestream05.assumeAvailable();
        String keep = System.getProperty("bench.dir");
        if (keep != null && !keep.isEmpty()) {
            dir = Files.createDirectories(Path.of(keep));
        }
        Path fileDb = dir.resolve("file.db");
        Path s3Db = dir.resolve("s3.db");
        try (S3Server s3 = S3Server.start(Files.createDirectories(dir.resolve("s3")))) {
            Map<String, String> env = Map.of("LITESTREAM_ACCESS_KEY_ID", S3Server.KEY,
                    "LITESTREAM_SECRET_ACCESS_KEY", S3Server.SECRET);
            Path config = Files.writeString(dir.resolve("litestream.yml"), config(fileDb, s3Db, s3.endpoint(), "1h"));
            Path ready = dir.resolve("ready.txt");
            String setup;
            if (Files.exists(ready)) {
                setup = Files.readString(ready).trim() + "\n(reused from " + dir + ")";
            } else {
                s3.createBucket(BUCKET);
                setup = build(fileDb, s3Db, s3.endpoint(), env, config);
                Files.writeString(ready, setup + "\n");
            }
            List<String> lines = new ArrayList<>();
            lines.add(setup);
            lines.add(load());
            lines.add(compare("file", env, new String[] {"-config", config.toString(), fileDb.toString()}));
            lines.add(load());
            lines.add(compare("s3", env, new String[] {"-config", config.toString(), s3Db.toString()}));
            lines.add(load());
            String report = String.join("\n", lines);
            System.out.println("\n=== v0.5 (LTX) restore benchmark ===\n" + report + "\n");
            Files.writeString(Path.of("target", "bench-ltx-restore.txt"), report + "\n");
        }
    }

    /** litestream v0.5 keeps one replica per database: the file replica's database and the S3 one's. */
    private String config(Path fileDb, Path s3Db, String endpoint, String snapshotInterval) {
        return "levels:\n  - interval: 2s\n  - interval: 8s\n"
                + "snapshot:\n  interval: " + snapshotInterval + "\n  retention: 1h\n"
                + "l0-retention: 1h\n"
                + "dbs:\n"
                + "  - path: " + fileDb + "\n    monitor-interval: 20ms\n    replica:\n"
                + "      type: file\n      path: " + dir.resolve("replica") + "\n      sync-interval: 50ms\n"
                + "  - path: " + s3Db + "\n    monitor-interval: 20ms\n    replica:\n"
                + "      type: s3\n      bucket: " + BUCKET + "\n      path: s3.db\n      endpoint: " + endpoint + "\n"
                + "      region: us-east-1\n      force-path-style: true\n      sync-interval: 50ms\n";
    }

    /** Fills one database, copies it, replicates both with the real litestream while they change. */
    private String build(Path fileDb, Path s3Db, String s3Endpoint, Map<String, String> env, Path config)
            throws Exception {
        long t0 = System.nanoTime();
        RestoreBenchmark.fill(fileDb, Long.getLong("bench.dbMB", 100) << 20);
        Files.copy(fileDb, s3Db);
        // First run: snapshot soon, so the database as filled is in L9. Second run: no snapshot for an hour, so
        // the workload's changes are in L2, L1 and L0 files after it (as between a day's snapshots).
        Files.writeString(config, config(fileDb, s3Db, s3Endpoint, "5s"));
        Path first = dir.resolve("replicate-snapshot.log");
        Process snap = Litestream05.start(Litestream05.VERSION, dir, env, first, "replicate", "-config", config.toString());
        try {
            awaitLevels(first, snap, 9);
        } finally {
            snap.destroy();
            snap.waitFor(60, TimeUnit.SECONDS);
        }
        Files.writeString(config, config(fileDb, s3Db, s3Endpoint, "1h"));
        Path log = dir.resolve("replicate.log");
        Process ls = Litestream05.start(Litestream05.VERSION, dir, env, log, "replicate", "-config", config.toString());
        try {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                int txs = Integer.getInteger("bench.txs", 1500);
                List<Future<?>> work = List.of(pool.submit(() -> churn(fileDb, txs)), pool.submit(() -> churn(s3Db, txs)));
                for (Future<?> f : work) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            Thread.sleep(3000); // the last transactions reach L0, and L1 compacts some of them
            awaitLevels(log, ls, 0, 1, 2, 9);
        } finally {
            ls.destroy();
            ls.waitFor(60, TimeUnit.SECONDS);
        }
        return String.format(Locale.ROOT, "database %.0f MB, replica built in %.0f s%nfile replica: %s%ns3 replica:   %s",
                Files.size(fileDb) / 1048576.0, (System.nanoTime() - t0) / 1e9, levels(fileLevels()),
                levels(s3Levels()));
    }

    private static Void churn(Path db, int txs) throws Exception {
        RestoreBenchmark.churn(db, txs, 8);
        return null;
    }

    private Path fileLevels() {
        return dir.resolve("replica").resolve("ltx");
    }

    private Path s3Levels() {
        return dir.resolve("s3").resolve(BUCKET).resolve("s3.db");
    }

    private void awaitLevels(Path log, Process ls, Integer... wanted) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (counts(fileLevels()).keySet().containsAll(List.of(wanted))
                    && counts(s3Levels()).keySet().containsAll(List.of(wanted))) {
                return;
            }
            if (!ls.isAlive()) {
                throw new IllegalStateException("litestream replicate exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("litestream made no levels " + List.of(wanted) + " in 2 min: " + log);
    }

    /** Level number to {files, bytes}, for the file layout ({@code ltx/N}) and S3Proxy's ({@code %04x}). */
    private static TreeMap<Integer, long[]> counts(Path levels) throws Exception {
        TreeMap<Integer, long[]> out = new TreeMap<>();
        if (!Files.isDirectory(levels)) {
            return out;
        }
        try (var dirs = Files.list(levels)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String name = d.getFileName().toString();
                int level = Integer.parseInt(name, name.length() == 4 ? 16 : 10);
                try (var files = Files.list(d)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".ltx")).toList()) {
                        long[] c = out.computeIfAbsent(level, k -> new long[2]);
                        c[0]++;
                        c[1] += Files.size(f);
                    }
                }
            }
        }
        return out;
    }

    /** Each level's files and bytes, and how many of them hold TXIDs after the latest snapshot. */
    private static String levels(Path levels) throws Exception {
        long snapshotMax = maxTxids(levels.resolve(levels.getFileName().toString().equals("ltx") ? "9" : "0009"))
                .stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        counts(levels).forEach((level, c) -> sb.append(String.format(Locale.ROOT, "L%d %d files %.1f MB; ", level, c[0],
                c[1] / 1048576.0)));
        sb.append("after the latest snapshot (TXID ").append(Long.toHexString(snapshotMax)).append("):");
        try (var dirs = Files.list(levels)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                long after = maxTxids(d).stream().filter(t -> t > snapshotMax).count();
                if (after > 0) {
                    sb.append(" ").append(d.getFileName()).append(": ").append(after);
                }
            }
        }
        return sb.toString();
    }

    private static List<Long> maxTxids(Path level) throws Exception {
        if (!Files.isDirectory(level)) {
            return List.of();
        }
        try (var files = Files.list(level)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{16}-[0-9a-f]{16}\\.ltx"))
                    .map(n -> Long.parseUnsignedLong(n.substring(17, 33), 16)).toList();
        }
    }

    /** Best of ROUNDS for time (a shared machine only ever adds time); the highest peak RSS seen. */
    private String compare(String label, Map<String, String> env, String[] source) throws Exception {
        Run theirs = new Run();
        Run theirsFull = new Run();
        Run ours = new Run();
        Run oursNone = new Run();
        String check = "";
        for (int i = 0; i < ROUNDS; i++) {
            Path a = dir.resolve("theirs-" + label + i + ".db");
            Path af = dir.resolve("theirs-full-" + label + i + ".db");
            Path b = dir.resolve("ours-" + label + i + ".db");
            Path c = dir.resolve("ours-none-" + label + i + ".db");
            theirs.add(measure(dir, env, litestream(args("-o", a, source))));
            theirsFull.add(measure(dir, env, litestream(args("-o", af, concat("-integrity-check", "full", source)))));
            ours.add(measure(dir, env, ourCommand(true, args("-o", b, source))));
            oursNone.add(measure(dir, env, ourCommand(true, args("-o", c, concat("-verify", "none", source)))));
            assertThat(theirs.failure).as("litestream restore").isNull();
            if (i == 0) {
                check = integrity(a);
            }
            assertThat(ours.failure).as("our restore").isNull();
            assertThat(oursNone.failure).as("our restore -verify none").isNull();
            assertThat(Files.mismatch(a, b)).as("ours and litestream's restore differ").isEqualTo(-1L);
            assertThat(Files.mismatch(a, c)).as("ours (-verify none) and litestream's restore differ").isEqualTo(-1L);
            for (Path p : List.of(a, af, b, c)) {
                for (String suffix : List.of("", "-shm", "-wal", ".tmp", ".tmp-shm", ".tmp-wal")) {
                    Files.deleteIfExists(Path.of(p + suffix)); // litestream may leave its -shm and -wal behind
                }
            }
        }
        double t = theirs.best;
        return String.format(Locale.ROOT, "%-4s litestream v0.5.16 (default: no integrity check) %.2f s, peak RSS %s;"
                        + " integrity_check of its output: %s, ours byte-identical"
                        + "%n     litestream -integrity-check full %.2f s, peak RSS %s"
                        + "%n     ours (launcher, default: CRC-64 of every file + full integrity_check) %.2f s,"
                        + " peak RSS %s; ratio to litestream's default %.2f, to litestream -integrity-check full %.2f"
                        + "%n     ours -verify none (CRC-64 of every file, as litestream's default) %.2f s, peak RSS %s;"
                        + " ratio %.2f (the like-for-like figure)"
                        + "%n     each a fresh process, best of %d",
                label, t, theirs.rss(), check, theirsFull.best, theirsFull.rss(), ours.best, ours.rss(), ours.best / t,
                ours.best / theirsFull.best, oursNone.best, oursNone.rss(), oursNone.best / t, ROUNDS);
    }

    private static List<String> litestream(String[] args) {
        List<String> cmd = new ArrayList<>(Litestream05.command(Litestream05.VERSION));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
