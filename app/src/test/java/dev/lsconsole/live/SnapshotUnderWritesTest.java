package dev.lsconsole.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.testing.Dbs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of a WAL database that an application writes ~100 transactions a second: each must complete
 * while the writer keeps writing (the sqlite3 shell's {@code .backup} restarted on every commit and, on a
 * database of this size, practically never finished until the writes stopped), be consistent as of one
 * moment (the writer's invariant holds), and keep the rowids of a table without INTEGER PRIMARY KEY.
 */
class SnapshotUnderWritesTest {
    /** The writer gives up after this long; every snapshot must be done well before (each takes ~0.3 s). */
    private static final long WRITER_LIMIT_MS = 45_000;

    @TempDir
    Path tmp;

    @Test
    void snapshotsOfABusyWalDatabaseFinishConsistentAndRowidStable() throws Exception {
        Path live = tmp.resolve("live.db");
        // ~60 MB in 1 KB pages: a backup pass takes as long as for a ~150 MB database with 4 KB pages. A rowid
        // table with gaps (VACUUM would renumber it), and the writer's two tables.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live); Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size = 1024");
            st.execute("PRAGMA journal_mode = WAL");
        }
        Dbs.exec(live, "CREATE TABLE r(x TEXT, p BLOB)",
                "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 450000) "
                        + "INSERT INTO r SELECT 'row ' || i, randomblob(100) FROM c",
                "DELETE FROM r WHERE rowid % 7 = 0",
                "CREATE TABLE a(v INTEGER)", "CREATE TABLE b(total INTEGER)", "INSERT INTO b VALUES (0)");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean gaveUp = new AtomicBoolean();
        AtomicLong commits = new AtomicLong();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> write(live, stop, gaveUp, commits, writerError), "test-writer");
        writer.start();
        try {
            while (commits.get() < 50) {
                Thread.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                Path snap = tmp.resolve("snap" + i + ".db");
                long t0 = System.nanoTime();
                SqliteLiveTarget.localFile(live).snapshotTo(snap);
                assertThat(gaveUp).as("snapshot %d finished only after the writes stopped (%.1f s)", i,
                        (System.nanoTime() - t0) / 1e9).isFalse();
                long seen = commits.get();
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + snap);
                     Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery(
                            "SELECT (SELECT coalesce(sum(v), 0) FROM a), (SELECT total FROM b), (SELECT count(*) FROM a)")) {
                        assertThat(rs.getLong(1)).as("sum(a) = b.total in snapshot %d", i).isEqualTo(rs.getLong(2));
                        assertThat(rs.getLong(3)).as("taken while writing").isPositive().isLessThanOrEqualTo(seen);
                    }
                    try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                        assertThat(rs.getString(1)).isEqualTo("ok");
                    }
                    st.execute("ATTACH DATABASE '" + live.toString().replace("'", "''") + "' AS live");
                    try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM (SELECT rowid, x, p FROM main.r "
                            + "EXCEPT SELECT rowid, x, p FROM live.r)), (SELECT count(*) FROM (SELECT rowid, x, p FROM "
                            + "live.r EXCEPT SELECT rowid, x, p FROM main.r)), (SELECT count(*) FROM main.r)")) {
                        assertThat(rs.getLong(1)).as("rows of r only in the snapshot").isZero();
                        assertThat(rs.getLong(2)).as("rows of r only in live").isZero();
                        assertThat(rs.getLong(3)).isEqualTo(450000 - 450000 / 7);
                    }
                }
                Files.delete(snap);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writerError.get()).as("the writer never failed (never blocked by a snapshot)").isNull();
    }

    /** ~100 transactions a second, each keeping sum(a.v) = b.total, until stopped or the limit. */
    private static void write(Path db, AtomicBoolean stop, AtomicBoolean gaveUp, AtomicLong commits,
                              AtomicReference<Throwable> error) {
        try (Connection c = Dbs.open(db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            st.execute("PRAGMA synchronous = NORMAL");
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO a VALUES (?)");
                 PreparedStatement upd = c.prepareStatement("UPDATE b SET total = total + ?")) {
                long start = System.nanoTime();
                for (long n = 1; !stop.get(); n++) {
                    if (System.nanoTime() - start > WRITER_LIMIT_MS * 1_000_000) {
                        gaveUp.set(true);
                        return;
                    }
                    ins.setLong(1, n);
                    ins.executeUpdate();
                    upd.setLong(1, n);
                    upd.executeUpdate();
                    c.commit();
                    commits.incrementAndGet();
                    long next = start + n * 10_000_000L; // one every 10 ms
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        } catch (Exception e) {
            error.set(e);
        }
    }
}
