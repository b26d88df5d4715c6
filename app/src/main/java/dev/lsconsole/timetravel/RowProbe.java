package dev.lsconsole.timetravel;

import dev.lsconsole.sql.Literals;
import dev.lsconsole.sql.Value;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row named by table and key (composite keys in key-column order; a table without a primary key is keyed
 * by rowid), read at one restore point. The table and its key are looked up at each point, since the schema
 * may change within a generation.
 */
public final class RowProbe implements Probe<RowProbe.State> {
    /** The row at one point: {@code tableExists} false when the table is not there yet (or any more). */
    public record State(boolean tableExists, Row row) {
        static final State NO_TABLE = new State(false, null);

        public boolean present() {
            return row != null;
        }
    }

    private final String table;
    private final List<String> key;

    public RowProbe(String table, List<String> key) {
        if (table == null || table.isBlank()) {
            throw new TimeTravelException("--table is required");
        }
        if (key == null || key.isEmpty()) {
            throw new TimeTravelException("--key is required");
        }
        this.table = table;
        this.key = List.copyOf(key);
    }

    public String table() {
        return table;
    }

    public List<String> key() {
        return key;
    }

    /**
     * Parses {@code --key 7,1}: the parts of a composite key, in key-column order, written as push's
     * {@code --keys} takes them (SQL literals: 42, 'alice@example.com', 'a,b' for a comma inside a part;
     * bare text too). NULL and blobs are no key a probe can look up.
     */
    public static List<String> parseKey(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        List<Value> values;
        try {
            values = Literals.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new TimeTravelException("--key " + text + ": " + e.getMessage(), e);
        }
        for (Value v : values) {
            parts.add(switch (v.type()) {
                case TEXT -> new String(v.bytes(), java.nio.charset.StandardCharsets.UTF_8);
                case INTEGER -> Long.toString(v.integer());
                case REAL -> v.literal();
                default -> throw new TimeTravelException("--key " + text + ": a key part cannot be "
                        + (v.type() == Value.Type.NULL ? "NULL" : "a blob"));
            });
        }
        return parts;
    }

    @Override
    public State read(Path db) {
        try (Connection c = Snapshot.open(db)) {
            List<String> keyCols = keyColumns(c);
            if (keyCols == null) {
                return State.NO_TABLE;
            }
            if (keyCols.size() != key.size()) {
                throw new TimeTravelException("table " + table + " has a key of " + keyCols.size() + " column(s) ("
                        + String.join(", ", keyCols) + "), but --key gives " + key.size() + " part(s)"
                        + (key.size() > keyCols.size() ? " (quote a part that holds a comma: 'a,b')" : ""));
            }
            return new State(true, row(c, keyCols));
        } catch (SQLException e) {
            throw new TimeTravelException("cannot read table " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * The table's b-tree and those of its indexes (a lookup may use any of them); none when the table is
     * not there; null for a virtual table (its rows live elsewhere).
     */
    @Override
    public java.util.Set<String> btrees(Connection c) throws SQLException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT type, name, rootpage FROM sqlite_master"
                + " WHERE tbl_name = ? COLLATE NOCASE AND type IN ('table', 'index')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(3) > 0) {
                        names.add(rs.getString(2));
                    } else if (rs.getString(1).equals("table")) {
                        return null;
                    }
                }
            }
        }
        return names;
    }

    /**
     * The key a probe of {@code table} in {@code db} takes, in order: its primary key columns, or
     * {@code rowid} for a table without one; empty when the table does not exist.
     */
    public static List<String> keyColumns(Path db, String table) {
        try (Connection c = Snapshot.open(db)) {
            List<String> cols = new RowProbe(table, List.of("?")).keyColumns(c);
            return cols == null ? List.of() : cols;
        } catch (SQLException e) {
            throw new TimeTravelException("cannot read table " + table + ": " + e.getMessage(), e);
        }
    }

    /** The key columns in order, or null when the table does not exist. */
    private List<String> keyColumns(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
            }
        }
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols.isEmpty() ? List.of("rowid") : cols;
    }

    /**
     * When the lookup is by rowid (an INTEGER PRIMARY KEY or rowid key, as the compiled lookup shows: one
     * table cursor, a rowid seek, no index), only the pages on the b-tree path to that rowid
     * ({@link RowidPath}); else every page of the table and its indexes.
     */
    @Override
    public java.util.BitSet pages(Connection c, Path db) throws SQLException {
        List<String> keyCols = keyColumns(c);
        if (keyCols == null) {
            return new java.util.BitSet();
        }
        int root = rowidSeekRoot(c, keyCols);
        if (root > 0) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(db)) {
                java.util.BitSet path = RowidPath.of(ch, root, Long.parseLong(key.get(0)));
                if (path != null) {
                    return path;
                }
            } catch (java.io.IOException e) {
                throw new TimeTravelException("cannot read " + db + ": " + e.getMessage(), e);
            }
        }
        return Probe.super.pages(c, db);
    }

    /** The table's root page when the lookup is a rowid seek of a key that is an integer as written; else 0. */
    private int rowidSeekRoot(Connection c, List<String> keyCols) throws SQLException {
        if (key.size() != 1 || keyCols.size() != 1 || !key.get(0).matches("-?[1-9][0-9]{0,17}|0")) {
            return 0;
        }
        int root = 0;
        boolean seek = false;
        try (java.sql.Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN " + lookup(keyCols))) {
            while (rs.next()) {
                String op = rs.getString("opcode");
                if (op.equals("OpenRead")) {
                    if (root != 0) {
                        return 0;
                    }
                    root = rs.getInt("p2");
                } else if (op.equals("SeekRowid") || op.equals("NotExists")) {
                    seek = true;
                } else if (op.startsWith("Open") || op.equals("VOpen") || op.equals("VFilter")) {
                    return 0;
                }
            }
        }
        return seek ? root : 0;
    }

    private String lookup(List<String> keyCols) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(ident(table)).append(" WHERE ");
        for (int i = 0; i < keyCols.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(keyCols.get(i).equals("rowid") ? "rowid = CAST(? AS INTEGER)"
                    : ident(keyCols.get(i)) + " = ?");
        }
        return sql.toString();
    }

    private Row row(Connection c, List<String> keyCols) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(lookup(keyCols))) {
            for (int i = 0; i < key.size(); i++) {
                ps.setString(i + 1, key.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData md = rs.getMetaData();
                Map<String, String> cols = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.put(md.getColumnName(i), Literal.of(rs.getObject(i)));
                }
                return new Row(cols);
            }
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
