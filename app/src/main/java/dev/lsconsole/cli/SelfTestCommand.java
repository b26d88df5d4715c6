package dev.lsconsole.cli;

import dev.lsconsole.config.ReplicaConfig;
import dev.lsconsole.health.Checker;
import dev.lsconsole.health.ReplicaReport;
import dev.lsconsole.health.Verifier;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.replica.ReplicaFactory;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.Callable;
import net.jpountz.lz4.LZ4FrameOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Checks this machine can restore: builds a small replica in the litestream v0.3 layout (a snapshot
 * and a WAL segment of a real SQLite database), restores it through the same engine, checks the rows,
 * runs check and verify on it, and walks the S3 client's request path against a closed local port. The build also runs it to record
 * the classes a run needs (the launcher's class-data archive).
 */
@Command(name = "self-test", mixinStandardHelpOptions = true,
        description = {"Check that restores work on this machine.",
            "SQLite, LZ4, temp files, the S3 client, check and verify."})
final class SelfTestCommand implements Callable<Integer> {
    private static final String GENERATION = "0123456789abcdef";

    @ParentCommand
    Cli cli;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory(cli.tempRoot(), "lsc-self-test-");
        try {
            Path replicaDir = dir.resolve("replica");
            long rows = buildReplica(dir.resolve("app.db"), replicaDir);
            try (Replica r = new ReplicaFactory(cli.env, 2).open(ReplicaConfig.ofUrl(replicaDir.toUri().toString()))) {
                RestorePlanner planner = new RestorePlanner();
                RestorePlanner.Target t = planner.chooseTarget(java.util.List.of(r), RestoreOptions.latest());
                RestorePlan plan = planner.plan(t, RestoreOptions.latest());
                RestoreResult res = new RestoreEngine(2, Verify.FULL).restore(plan, dir.resolve("restored.db"),
                        RestoreProgress.Listener.NONE, new Cancellation());
                long restored = count(res.output());
                if (restored != rows) {
                    throw new CliException("self-test failed: restored " + restored + " rows, expected " + rows);
                }
                cli.out.println("restore: ok (" + res.walFrames() + " WAL frames, " + res.integrity() + ")");
                cli.out.println(health(r, dir));
            }
            try (Replica s3 = new ReplicaFactory(name -> name.startsWith("LITESTREAM_") ? "self-test" : null, 2)
                    .open(ReplicaConfig.ofUrl("s3://self-test.localhost:9/app.db"))) {
                cli.out.println(walk(s3.client()::generations) && walk(() -> s3.client().openSnapshot("0", 0))
                        ? "s3 client: ok (list and get paths load; nothing listens on port 9)"
                        : "s3 client: unexpected answer from 127.0.0.1:9");
            }
            return 0;
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** check and verify of the small replica, their reports rendered (the archive then holds what they load). */
    private static String health(Replica r, Path dir) throws IOException {
        java.time.Instant now = java.time.Instant.now();
        ReplicaReport check = new Checker(java.time.Duration.ofDays(1), 5, new Cancellation()).check(r, now);
        ReplicaReport verify = new Verifier(new Verifier.Options(null, false, 2, dir), new Cancellation()).verify(r, now);
        java.io.PrintStream none = new java.io.PrintStream(OutputStream.nullOutputStream());
        HealthOutput.text(none, java.util.List.of(check, verify));
        HealthOutput.json(none, "verify", java.util.List.of(verify));
        if (check.problemCount() + verify.problemCount() > 0) {
            throw new CliException("self-test failed: check/verify found problems in a sound replica: "
                    + check.problems() + verify.problems());
        }
        return "health: ok (check and verify, " + verify.objectsRead() + " objects read)";
    }

    /** A database in WAL mode: the file after the schema is the snapshot, the WAL after the inserts a segment. */
    private static long buildReplica(Path db, Path replica) throws Exception {
        Path gen = replica.resolve("generations").resolve(GENERATION);
        Files.createDirectories(gen.resolve("snapshots"));
        Files.createDirectories(gen.resolve("wal"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA wal_autocheckpoint=0");
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            compress(Files.readAllBytes(db), gen.resolve("snapshots").resolve(Layout.snapshotName(0)));
            st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                    + "INSERT INTO t(v) SELECT printf('row %d', i) FROM n");
            compress(Files.readAllBytes(Path.of(db + "-wal")), gen.resolve("wal").resolve(Layout.walSegmentName(0, 0)));
        }
        return 500;
    }

    private static void compress(byte[] data, Path to) throws IOException {
        try (OutputStream o = new LZ4FrameOutputStream(Files.newOutputStream(to), LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            o.write(data);
        }
    }

    /** Runs a request that must fail to connect (it loads the classes the build records); true if it did. */
    private static boolean walk(Runnable request) {
        try {
            request.run();
            return false;
        } catch (ReplicaException expected) {
            return true;
        }
    }

    private static long count(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?immutable=1");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            return rs.getLong(1);
        }
    }
}
