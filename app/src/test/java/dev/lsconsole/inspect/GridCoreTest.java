package dev.lsconsole.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.sql.Value;
import dev.lsconsole.testing.CsvRecords;
import dev.lsconsole.testing.Dbs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data grid's core on real SQLite files: sorted keyset pages equal SQLite's own ORDER BY (ties, NULLs,
 * mixed types, NOCASE, filters, WITHOUT ROWID keys, views and shadowed rowids), litestream's tables last,
 * long values cut in pages but read and saved exactly, CSV against the sqlite3 CLI, INSERTs that give
 * back the same rows, and exports that leave nothing behind when cancelled.
 */
class GridCoreTest {
    @TempDir
    Path tmp;
    Path db;

    @BeforeEach
    void create() throws Exception {
        db = tmp.resolve("grid.db");
        Dbs.exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, s TEXT COLLATE NOCASE, n, note TEXT)",
                "CREATE TABLE w(a TEXT, b INTEGER, v, PRIMARY KEY (a, b)) WITHOUT ROWID",
                "CREATE TABLE shadowed(rowid, _rowid_, oid)",
                "CREATE VIEW big AS SELECT s, n FROM t WHERE id % 3 = 0",
                "CREATE TABLE _litestream_seq(id INTEGER PRIMARY KEY, seq INTEGER)",
                "CREATE TABLE _litestream_lock(id INTEGER)", "CREATE TABLE zebra(x)");
        Random r = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (PreparedStatement t = c.prepareStatement("INSERT INTO t(s, n, note) VALUES (?, ?, ?)");
                 PreparedStatement w = c.prepareStatement("INSERT INTO w VALUES (?, ?, ?)");
                 PreparedStatement sh = c.prepareStatement("INSERT INTO shadowed VALUES (?, ?, ?)")) {
                for (int i = 0; i < 1200; i++) {
                    int k = r.nextInt(40);
                    t.setObject(1, k < 4 ? null : (k % 2 == 0 ? "name" + k : "NAME" + k));
                    switch (r.nextInt(5)) {
                        case 0 -> t.setObject(2, null);
                        case 1 -> t.setLong(2, r.nextInt(50));
                        case 2 -> t.setDouble(2, r.nextInt(50) + 0.5);
                        case 3 -> t.setString(2, "s" + r.nextInt(50));
                        default -> t.setBytes(2, new byte[] {(byte) r.nextInt(4)});
                    }
                    t.setString(3, i % 97 == 0 ? "line1\r\nline2, \"quoted\"" : i % 89 == 0 ? "" : "n" + i);
                    t.addBatch();
                    w.setString(1, "k" + r.nextInt(30));
                    w.setLong(2, i);
                    w.setObject(3, r.nextInt(3) == 0 ? null : r.nextInt(20));
                    w.addBatch();
                    sh.setInt(1, r.nextInt(9));
                    sh.setInt(2, i);
                    sh.setObject(3, r.nextInt(4) == 0 ? null : r.nextInt(5));
                    sh.addBatch();
                }
                t.executeBatch();
                w.executeBatch();
                sh.executeBatch();
            }
            c.commit();
        }
    }

    @Test
    void litestreamTablesAreListedAfterTheUsersTables() {
        try (DbBrowser b = new DbBrowser(db)) {
            assertThat(b.tables().stream().map(DbBrowser.Table::name).toList())
                    .containsExactly("big", "shadowed", "t", "w", "zebra", "_litestream_lock", "_litestream_seq");
        }
    }

    @Test
    void sortedPagesAreSqlitesOwnOrderByPageAfterPage() throws Exception {
        try (DbBrowser b = new DbBrowser(db)) {
            TableShape t = b.shape("t");
            assertThat(t.key()).containsExactly("_rowid_");
            DbBrowser.Filter none = DbBrowser.Filter.NONE;
            DbBrowser.Filter name = new DbBrowser.Filter("s", "ame1");
            for (DbBrowser.Filter f : List.of(none, name)) {
                String where = f.isNone() ? "" : " WHERE CAST(s AS TEXT) LIKE '%ame1%'";
                assertThat(walk(b, t, f, Sort.NONE, 0)).isEqualTo(col(0, "SELECT id FROM t" + where + " ORDER BY id"));
                for (String c : List.of("s", "n", "note")) {
                    assertThat(walk(b, t, f, new Sort(c, false), 0)).as(c + " ascending, " + f)
                            .isEqualTo(col(0, "SELECT id FROM t" + where + " ORDER BY " + c + ", id"));
                    assertThat(walk(b, t, f, new Sort(c, true), 0)).as(c + " descending, " + f)
                            .isEqualTo(col(0, "SELECT id FROM t" + where + " ORDER BY " + c + " DESC, id DESC"));
                }
            }
        }
    }

    @Test
    void withoutRowidTablesPageByTheirKeyAndKeylessOnesByPosition() throws Exception {
        try (DbBrowser b = new DbBrowser(db)) {
            TableShape w = b.shape("w");
            assertThat(w.key()).containsExactly("\"a\"", "\"b\"");
            assertThat(walk(b, w, DbBrowser.Filter.NONE, new Sort("v", true), 1))
                    .isEqualTo(col(1, "SELECT a, b FROM w ORDER BY v DESC, a DESC, b DESC"));
            TableShape sh = b.shape("shadowed");
            assertThat(sh.hasKey()).isFalse();
            assertThat(walk(b, sh, DbBrowser.Filter.NONE, new Sort("oid", false), 1))
                    .isEqualTo(col(1, "SELECT \"rowid\", \"_rowid_\" FROM shadowed ORDER BY oid, \"rowid\", \"_rowid_\", oid"));
            TableShape view = b.shape("big");
            assertThat(view.hasKey()).isFalse();
            assertThat(walk(b, view, DbBrowser.Filter.NONE, new Sort("n", true), 1))
                    .isEqualTo(col(1, "SELECT s, n FROM big ORDER BY n DESC, s DESC"));
        }
    }

    /** Every page of 100 in turn; returns the first {@code keyCols+1} columns' text of each row. */
    private List<String> walk(DbBrowser b, TableShape t, DbBrowser.Filter f, Sort s, int lastCol) {
        List<String> out = new ArrayList<>();
        RowRef after = null;
        long pos = 0;
        for (int guard = 0; guard < 100; guard++) {
            DbBrowser.Page p = b.page(t, f, s, after, pos, 100);
            for (GridRow r : p.rows()) {
                out.add(key(r, lastCol));
            }
            if (!p.more()) {
                return out;
            }
            after = p.rows().get(p.rows().size() - 1).ref();
            pos += p.rows().size();
        }
        throw new AssertionError("more than 100 pages");
    }

    private static String key(List<Value> r, int lastCol) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= lastCol; i++) {
            sb.append(r.get(i).literal()).append('|');
        }
        return sb.toString();
    }

    private List<String> col(int lastCol, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= lastCol + 1; i++) {
                    Object o = rs.getObject(i);
                    sb.append(o == null ? "NULL" : o instanceof String str ? Value.ofText(str).literal()
                            : o instanceof Integer || o instanceof Long ? o.toString()
                            : o instanceof byte[] bs ? Value.ofBlob(bs).literal() : Value.ofReal(((Number) o).doubleValue()).literal())
                            .append('|');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void longValuesAreCutInPagesButReadAndSavedExactly() throws Exception {
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(blob);
        byte[] text = ("é".repeat(5000) + "end").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'a', (byte) 0xff, 'b', 0, 'c'};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement st = c.prepareStatement("INSERT INTO zebra(rowid, x) VALUES (?, ?)")) {
            st.setInt(1, 1);
            st.setBytes(2, blob);
            st.executeUpdate();
        }
        Dbs.exec(db, "INSERT INTO zebra(rowid, x) VALUES (2, CAST(X'" + java.util.HexFormat.of().formatHex(text) + "' AS TEXT))",
                "INSERT INTO zebra(rowid, x) VALUES (3, CAST(X'61ff620063' AS TEXT))");
        try (DbBrowser b = new DbBrowser(db)) {
            TableShape z = b.shape("zebra");
            List<GridRow> rows = b.page(z, DbBrowser.Filter.NONE, Sort.NONE, null, 0, 10).rows();
            assertThat(rows.get(0).isCut(0)).isTrue();
            assertThat(rows.get(0).get(0).bytes()).hasSize(DbBrowser.CUT).isEqualTo(Arrays.copyOf(blob, DbBrowser.CUT));
            assertThat(rows.get(1).isCut(0)).isTrue();
            assertThat(rows.get(1).get(0).type()).isEqualTo(Value.Type.TEXT);
            assertThat(rows.get(2).isCut(0)).isFalse();
            assertThat(rows.get(2).get(0)).isEqualTo(Value.ofText(bad));

            CellInfo info = b.cell(z, "x", DbBrowser.Filter.NONE, Sort.NONE, rows.get(0).ref());
            assertThat(info.type()).isEqualTo(Value.Type.BLOB);
            assertThat(info.size()).isEqualTo(blob.length);
            assertThat(info.head()).hasSize(CellInfo.HEAD);
            Path out = tmp.resolve("blob.bin");
            assertThat(CsvExport.cell(b, z, "x", DbBrowser.Filter.NONE, Sort.NONE, rows.get(0).ref(), out,
                    new Cancellation())).isEqualTo(blob.length);
            assertThat(Files.readAllBytes(out)).isEqualTo(blob);

            CellInfo t = b.cell(z, "x", DbBrowser.Filter.NONE, Sort.NONE, rows.get(1).ref());
            assertThat(t.size()).isEqualTo(text.length);
            assertThat(ByteText.utf8(Arrays.copyOf(text, 4097), true)).isEqualTo("é".repeat(2048));
            assertThat(ByteText.utf8(b.cell(z, "x", DbBrowser.Filter.NONE, Sort.NONE, rows.get(2).ref()).head(), false))
                    .isEqualTo("a\\xFFb\\x00c");
            assertThat(ByteText.hex(bad)).startsWith("00000000  61 ff 62 00 63").endsWith("|a.b.c|\n");
            assertThat(b.row(z, DbBrowser.Filter.NONE, Sort.NONE, rows.get(0).ref()).get(0)).isEqualTo(Value.ofBlob(blob));
        }
    }

    @Test
    void csvQuotesAsRfc4180AndKeepsNullApartFromTheEmptyText() {
        String csv = Csv.text(List.of("a", "b,c"), List.of(List.of(Value.NULL, Value.ofText("")),
                List.of(Value.ofText("say \"hi\""), Value.ofText("x\ny")), List.of(Value.ofReal(0.1 + 0.2),
                        Value.ofBlob(new byte[] {1, 2}))));
        assertThat(csv).isEqualTo("a,\"b,c\"\r\n,\"\"\r\n\"say \"\"hi\"\"\",\"x\ny\"\r\n0.30000000000000004,X'0102'\r\n");
    }

    @Test
    void aTableExportIsWhatSqlite3WritesInTheSameOrder() throws Exception {
        Path out = tmp.resolve("t.csv");
        DbBrowser.Filter f = new DbBrowser.Filter("note", "n1");
        long[] last = {0};
        long n = CsvExport.table(db, "t", f, new Sort("note", true), out, new Cancellation(), (d, total) -> last[0] = total);
        String ours = Files.readString(out);
        String theirs = CsvRecords.sqlite3Csv(db, "SELECT id, s, note FROM t WHERE note LIKE '%n1%' ORDER BY note DESC, id DESC;");
        List<List<String>> mine = CsvRecords.parse(ours).stream().map(r -> List.of(r.get(0) == null ? "" : r.get(0),
                r.get(1) == null ? "" : r.get(1), r.get(3) == null ? "" : r.get(3))).toList();
        List<List<String>> sqlite = CsvRecords.parse(theirs).stream().map(r -> r.stream().map(x -> x == null ? "" : x)
                .toList()).toList();
        assertThat(n).isEqualTo(sqlite.size() - 1).isEqualTo(last[0]).isGreaterThan(100);
        assertThat(mine).isEqualTo(sqlite);
        assertThat(ours).startsWith("id,s,n,note\r\n");

        Path q = tmp.resolve("q.csv");
        CsvExport.query(db, "SELECT id, note FROM t WHERE note = '' OR note LIKE 'line%' ORDER BY id", q,
                new Cancellation(), (d, total) -> { });
        assertThat(CsvRecords.parse(Files.readString(q))).isEqualTo(CsvRecords.parse(CsvRecords.sqlite3Csv(db,
                "SELECT id, note FROM t WHERE note = '' OR note LIKE 'line%' ORDER BY id;")));
    }

    @Test
    void aCancelledExportLeavesNoFile() throws Exception {
        Path out = tmp.resolve("cancelled.csv");
        Cancellation c = new Cancellation();
        assertThatThrownBy(() -> CsvExport.table(db, "w", DbBrowser.Filter.NONE, Sort.NONE, out, c, (d, t) -> {
            if (d >= 1000) {
                c.cancel();
            }
        })).isInstanceOf(CancellationException.class);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("grid.db")))
                    .as("no partial export").isEmpty();
        }
    }

    @Test
    void insertsGiveBackTheSameRows() throws Exception {
        Path copy = tmp.resolve("copy.db");
        Dbs.exec(copy, "CREATE TABLE \"odd \"\"name\"(\"a b\", c)");
        List<List<Value>> rows = List.of(List.of(Value.NULL, Value.ofText("NULL")),
                List.of(Value.ofText(new byte[] {'x', (byte) 0xfe, '\r', 0}), Value.ofBlob(new byte[] {0, 1})),
                List.of(Value.ofReal(2.5), Value.ofInteger(Long.MIN_VALUE)), List.of(Value.ofText("it's"), Value.ofReal(1e300)));
        String sql = Inserts.of("odd \"name", List.of("a b", "c"), rows);
        assertThat(sql).startsWith("INSERT INTO \"odd \"\"name\" (\"a b\", \"c\") VALUES (NULL, 'NULL');\n");
        Process p = new ProcessBuilder("sqlite3", copy.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(p.waitFor()).isZero();
        try (DbBrowser b = new DbBrowser(copy)) {
            List<List<Value>> back = new ArrayList<>();
            b.scan(b.shape("odd \"name"), DbBrowser.Filter.NONE, Sort.NONE, new Cancellation(), back::add);
            assertThat(back).isEqualTo(rows);
        }
    }
}
