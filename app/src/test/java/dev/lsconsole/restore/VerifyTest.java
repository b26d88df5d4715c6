package dev.lsconsole.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each verification level catches, on real SQLite files (the check that runs before a restore is published). */
class VerifyTest {
    @TempDir
    Path tmp;

    @Test
    void aSoundFilePassesEveryLevelAndIsLeftAsItWas() throws Exception {
        Path db = sample("sound.db");
        byte[] before = Files.readAllBytes(db);
        assertThat(RestoreEngine.verify(db, Verify.FULL, new Cancellation())).isEqualTo("integrity_check ok");
        assertThat(RestoreEngine.verify(db, Verify.QUICK, new Cancellation())).isEqualTo("quick_check ok");
        assertThat(RestoreEngine.verify(db, Verify.NONE, new Cancellation())).isEqualTo("not checked");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("sound.db"); // no -wal, no -shm
        }
    }

    @Test
    void aBrokenPageFailsTheQuickCheckToo() throws Exception {
        Path db = sample("broken.db");
        long pages = Files.size(db) / 4096;
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ByteBuffer junk = ByteBuffer.allocate(64);
            for (int i = 0; i < 64; i++) {
                junk.put((byte) (0x5A ^ i));
            }
            ch.write(junk.flip(), (pages / 2) * 4096); // the b-tree page header of a page in the middle
        }
        for (Verify v : new Verify[] {Verify.QUICK, Verify.FULL}) {
            assertThatThrownBy(() -> RestoreEngine.verify(db, v, new Cancellation())).isInstanceOf(RestoreException.class)
                    .hasMessageStartingWith("restored database failed " + v.pragma + ": ");
        }
    }

    @Test
    void onlyTheFullCheckComparesIndexesWithTheirTables() throws Exception {
        Path db = sample("index.db");
        // Point the index's schema at another column: its b-tree (built for name) no longer matches the table.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA writable_schema=ON");
            st.executeUpdate("UPDATE sqlite_schema SET sql = 'CREATE INDEX t_name ON t(score)' WHERE name = 't_name'");
        }
        assertThat(RestoreEngine.verify(db, Verify.QUICK, new Cancellation())).isEqualTo("quick_check ok");
        assertThatThrownBy(() -> RestoreEngine.verify(db, Verify.FULL, new Cancellation())).isInstanceOf(RestoreException.class)
                .hasMessageContaining("t_name");
    }

    private Path sample(String name) throws Exception {
        Path db = tmp.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL)");
            st.execute("CREATE INDEX t_name ON t(name)");
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t(name, score) VALUES (?, ?)")) {
                for (int i = 0; i < 3000; i++) {
                    ins.setString(1, "name " + (i * 7919 % 3000) + " " + "x".repeat(i % 50));
                    ins.setDouble(2, i * 0.5);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
        }
        return db;
    }
}
