package dev.lsconsole.timetravel;

import dev.lsconsole.sql.Statements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A read-only query compared as a whole result set: streamed into a SHA-256 digest (memory does not grow
 * with the result), keeping only the first rows to show. A statement that would write is refused (its
 * compiled program opens a write transaction or a table for writing), and the connection is read-only too.
 */
public final class QueryProbe implements Probe<QueryProbe.Result> {
    public static final int SHOWN_ROWS = 20;
    private static final Set<String> WRITE_OPS = Set.of("openwrite", "insert", "delete", "idxinsert", "idxdelete",
            "destroy", "clear", "createbtree", "setcookie", "vacuum", "vupdate", "vcreate", "vdestroy");

    /** The result at one point: equal results have equal digests; {@code rows} are the first {@link #SHOWN_ROWS}. */
    public record Result(List<String> columns, long count, String digest, List<List<String>> rows) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && r.digest.equals(digest) && r.columns.equals(columns);
        }

        @Override
        public int hashCode() {
            return digest.hashCode();
        }
    }

    private final String sql;
    private boolean checked;

    public QueryProbe(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new TimeTravelException("--query is empty");
        }
        if (Statements.hasMoreThanOne(sql)) {
            throw new TimeTravelException("refused: --query must be one statement (SQLite would run only the first "
                    + "and ignore the rest): " + oneLine(sql.strip()));
        }
        this.sql = sql.strip();
    }

    public String sql() {
        return sql;
    }

    @Override
    public Result read(Path db) {
        try (Connection c = Snapshot.open(db)) {
            if (!checked) {
                refuseWrites(c);
                checked = true;
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return digest(rs);
            }
        } catch (SQLException e) {
            throw new TimeTravelException("query failed: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Refuses a query that would write (or does not compile) against {@code db} without running it, so a
     * window can say so before any walk starts.
     */
    public void checkReadOnly(Path db) {
        try (Connection c = Snapshot.open(db)) {
            refuseWrites(c);
        } catch (SQLException e) {
            throw new TimeTravelException("query failed: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The b-trees the query's compiled program opens for reading (EXPLAIN's OpenRead root pages, named from
     * {@code sqlite_schema}), and the planner's statistics tables; null when it reads a virtual table or opens
     * a b-tree chosen at run time, which no list of names covers.
     */
    @Override
    public Set<String> btrees(Connection c) throws SQLException {
        Set<Integer> roots = new java.util.TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                String op = rs.getString("opcode").toLowerCase(Locale.ROOT);
                if (op.equals("vopen") || op.equals("vfilter")) {
                    return null;
                }
                if (op.equals("openread") || op.equals("reopenidx")) {
                    if ((rs.getInt("p5") & 0x02) != 0 || rs.getInt("p3") != 0) {
                        return null;
                    }
                    roots.add(rs.getInt("p2"));
                }
            }
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT name FROM sqlite_master WHERE rootpage = ?"
                + " AND type IN ('table', 'index')")) {
            for (int root : roots) {
                if (root == 1) {
                    continue;
                }
                ps.setInt(1, root);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    names.add(rs.getString(1));
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private void refuseWrites(Connection c) throws SQLException {
        boolean returnsRows = false;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                String op = rs.getString("opcode").toLowerCase(Locale.ROOT);
                if (WRITE_OPS.contains(op) || op.equals("transaction") && rs.getInt("p2") != 0) {
                    throw new TimeTravelException("refused: the query is not read-only (it would write): " + oneLine(sql));
                }
                returnsRows |= op.equals("resultrow");
            }
        }
        if (!returnsRows) { // a setting such as PRAGMA writable_schema=1: no row to compare, and not a query
            throw new TimeTravelException("refused: the query returns no rows, so it is not a read-only query "
                    + "(use SELECT, WITH or a PRAGMA that reads): " + oneLine(sql));
        }
    }

    private static Result digest(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnName(i));
        }
        MessageDigest d = sha256();
        List<List<String>> shown = new ArrayList<>();
        long n = 0;
        while (rs.next()) {
            List<String> row = new ArrayList<>(cols.size());
            for (int i = 1; i <= cols.size(); i++) {
                String v = Literal.of(rs.getObject(i));
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                d.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                    (byte) b.length});
                d.update(b);
                if (shown.size() < SHOWN_ROWS) {
                    row.add(v);
                }
            }
            if (shown.size() < SHOWN_ROWS) {
                shown.add(List.copyOf(row));
            }
            n++;
        }
        return new Result(List.copyOf(cols), n, HexFormat.of().formatHex(d.digest()), List.copyOf(shown));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
