package dev.lsconsole.timetravel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The b-tree path of a rowid is all a lookup reads: with every other page of the table and its index
 * overwritten with garbage, SQLite still finds the same row (or the same absence); overwriting a page of
 * the path does change what it finds. Checked on a real SQLite file with interior pages and overflow.
 */
class RowidPathTest {
    @TempDir
    Path tmp;

    @Test
    void aLookupReadsOnlyThePathToItsRowidAndTheRowsOverflowPages() throws Exception {
        Path db = tmp.resolve("t.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT, big BLOB)");
            st.execute("CREATE INDEX t_v ON t(v)");
            st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                    + " INSERT INTO t SELECT i * 3, 'value ' || i, CASE WHEN i % 500 = 7 THEN randomblob(20000) END FROM n");
        }
        int root = root(db);
        List<String> before = new ArrayList<>();
        long[] keys = {3, 1521, 6000, 6001, 11997, 12000, 0, 99999};
        for (long k : keys) {
            before.add(lookup(db, k));
        }
        assertThat(before.get(1)).as("row 1521 has overflow pages").contains("len=20000");
        BitSet all = tablePages(db);
        for (int i = 0; i < keys.length; i++) {
            BitSet path;
            try (FileChannel ch = FileChannel.open(db)) {
                path = RowidPath.of(ch, root, keys[i]);
            }
            assertThat(path).isNotNull();
            assertThat(path.cardinality()).as("path of " + keys[i]).isLessThan(all.cardinality() / 10);
            BitSet others = (BitSet) all.clone();
            others.andNot(path);
            Path garbled = garble(db, others, "others-" + i);
            assertThat(lookup(garbled, keys[i])).as("key " + keys[i] + " with the rest garbled").isEqualTo(before.get(i));
            BitSet leafAndOverflow = (BitSet) path.clone();
            leafAndOverflow.clear(root);
            Path broken = garble(db, leafAndOverflow, "path-" + i);
            assertThat(lookupOrError(broken, keys[i])).as("key " + keys[i] + " with its path garbled")
                    .isNotEqualTo(before.get(i));
        }
    }

    private static int root(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 't'")) {
            return rs.getInt(1);
        }
    }

    private static BitSet tablePages(Path db) throws Exception {
        BitSet pages = new BitSet();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pageno FROM dbstat WHERE name IN ('t', 't_v')")) {
            while (rs.next()) {
                pages.set(rs.getInt(1));
            }
        }
        return pages;
    }

    private Path garble(Path db, BitSet pages, String name) throws Exception {
        Path out = tmp.resolve(name + ".db");
        Files.copy(db, out);
        byte[] junk = new byte[4096];
        Arrays.fill(junk, (byte) 0xA5);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
            for (int p = pages.nextSetBit(0); p >= 0; p = pages.nextSetBit(p + 1)) {
                ch.write(ByteBuffer.wrap(junk), (long) (p - 1) * 4096);
            }
        }
        return out;
    }

    private static String lookupOrError(Path db, long key) {
        try {
            return lookup(db, key);
        } catch (Exception e) {
            return "error: " + e.getMessage();
        }
    }

    private static String lookup(Path db, long key) throws Exception {
        try (Connection c = Snapshot.open(db);
             PreparedStatement ps = c.prepareStatement("SELECT v, length(big), hex(substr(big, 19990)) FROM t WHERE id = ?")) {
            ps.setString(1, Long.toString(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + " len=" + rs.getString(2) + " tail=" + rs.getString(3) : "absent";
            }
        }
    }
}
