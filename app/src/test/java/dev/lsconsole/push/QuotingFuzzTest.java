package dev.lsconsole.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.live.SqliteLiveTarget;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import dev.lsconsole.testing.Dbs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random hostile values and identifiers go restored DB -> diff -> push (real sqlite3, SQL on stdin) ->
 * live DB, and must read back byte for byte with the same storage class.
 */
class QuotingFuzzTest {
    static final String[] NAMES = {"plain", "with space", "quo\"te", "select", "o'clock", "ünï", "x;DROP TABLE t"};

    @TempDir
    Path tmp;

    static Value randomValue(Random r) {
        switch (r.nextInt(9)) {
            case 0:
                return Value.NULL;
            case 1: {
                long[] edge = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1L << 53, (1L << 53) + 1};
                return Value.ofInteger(r.nextBoolean() ? edge[r.nextInt(edge.length)] : r.nextLong());
            }
            case 2: {
                double[] edge = {-0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 2.2250738585072014E-308, 1e308, -1e308,
                    Double.MAX_VALUE, 0.1, 1.0 / 3, 123456789.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                return Value.ofReal(r.nextBoolean() ? edge[r.nextInt(edge.length)]
                        : Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1));
            }
            case 3: {
                String[] s = {"", "'", "''", "a'b\"c", "line1\nline2\r\n", "tab\there", "emoji 😀🚀", "\\n literal",
                    ".quit", "-- comment", "/* c */", ";", "END; DROP TABLE t;", "ünïcödé", "\u2028\u2029"};
                return Value.ofText(s[r.nextInt(s.length)] + (r.nextBoolean() ? "" : Long.toString(r.nextLong(), 36)));
            }
            case 4: {
                byte[] b = new byte[r.nextInt(6)];
                r.nextBytes(b);
                return Value.ofText(("nul\0inside" + new String(b, StandardCharsets.ISO_8859_1)).getBytes(
                        StandardCharsets.UTF_8));
            }
            case 5: {
                byte[] b = {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3, (byte) 0x28, (byte) r.nextInt()};
                return Value.ofText(b); // invalid UTF-8 stored as TEXT
            }
            case 6: {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                return Value.ofBlob(b);
            }
            case 7:
                return Value.ofBlob(new byte[0]);
            default:
                return Value.ofText("x".repeat(r.nextInt(3000)));
        }
    }

    /** Binds a value so that SQLite stores exactly it (TEXT from raw bytes via CAST). */
    static void insert(Connection c, String table, List<String> cols, List<Value> row) throws Exception {
        List<String> ph = new ArrayList<>();
        for (Value v : row) {
            ph.add(v.type() == Value.Type.TEXT ? "CAST(? AS TEXT)" : "?");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Sql.id(table) + " ("
                + String.join(", ", cols.stream().map(Sql::id).toList()) + ") VALUES (" + String.join(", ", ph) + ")")) {
            for (int i = 0; i < row.size(); i++) {
                Value v = row.get(i);
                switch (v.type()) {
                    case NULL -> ps.setNull(i + 1, java.sql.Types.NULL);
                    case INTEGER -> ps.setLong(i + 1, v.integer());
                    case REAL -> ps.setDouble(i + 1, v.real());
                    case TEXT, BLOB -> ps.setBytes(i + 1, v.bytes());
                }
            }
            ps.executeUpdate();
        }
    }

    static List<List<Value>> readAll(Path db, String table, List<String> cols) throws Exception {
        List<String> sel = new ArrayList<>();
        for (String c : cols) {
            sel.add("typeof(" + Sql.id(c) + ")");
            sel.add(Sql.id(c));
        }
        List<List<Value>> out = new ArrayList<>();
        try (Connection c = Dbs.open(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT " + String.join(", ", sel) + " FROM "
                     + Sql.id(table) + " ORDER BY 2")) {
            while (rs.next()) {
                List<Value> row = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    row.add(Sql.read(rs, 2 * i + 1, 2 * i + 2));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void hostileValuesAndIdentifiersRoundTripByteExact() throws Exception {
        Random r = new Random(20261125);
        for (int round = 0; round < 4; round++) {
            String table = NAMES[(round + 3) % NAMES.length] + " tbl" + round;
            List<String> cols = new ArrayList<>(List.of("k " + NAMES[round]));
            for (int i = 0; i < 5; i++) {
                cols.add(NAMES[(round + i + 1) % NAMES.length] + i);
            }
            String ddl = "CREATE TABLE " + Sql.id(table) + " (" + Sql.id(cols.get(0)) + " INTEGER PRIMARY KEY, "
                    + String.join(", ", cols.subList(1, cols.size()).stream().map(Sql::id).toList()) + ")";
            Path restored = tmp.resolve("restored" + round + ".db");
            Path live = tmp.resolve("live" + round + ".db");
            Dbs.exec(restored, ddl);
            Dbs.exec(live, ddl);
            List<List<Value>> rows = new ArrayList<>();
            try (Connection c = Dbs.open(restored)) {
                for (int k = 0; k < 60; k++) {
                    List<Value> row = new ArrayList<>(List.of(Value.ofInteger(k * 7919L - 100000)));
                    for (int i = 1; i < cols.size(); i++) {
                        row.add(randomValue(r));
                    }
                    insert(c, table, cols, row);
                }
            }
            rows.addAll(readAll(restored, table, cols));
            PushPlan plan;
            try (DiffEngine d = new DiffEngine(restored, live)) {
                plan = new PushPlanner().plan(d, table, PushMode.INSERT_MISSING, null, null);
            }
            assertThat(plan.rows()).isEqualTo(60);
            PushResult res = new Pusher(tmp.resolve("state")).push(SqliteLiveTarget.localFile(live), plan);
            assertThat(res.verified()).isTrue();
            List<List<Value>> back = readAll(live, table, cols);
            assertThat(back).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    Value want = rows.get(i).get(j);
                    Value got = back.get(i).get(j);
                    assertThat(got).as("row %d column %s: pushed %s %s, read back %s %s", i, cols.get(j), want.type(),
                            want.literal(), got.type(), got.literal()).isEqualTo(want);
                }
            }
            try (DiffEngine d = new DiffEngine(restored, live)) {
                TableDiff after = d.compare(table, null);
                assertThat(after.missingInLive() + after.onlyInLive() + after.changed()).isZero();
            }
        }
    }
}
