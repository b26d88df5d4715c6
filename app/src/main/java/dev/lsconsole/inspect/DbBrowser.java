package dev.lsconsole.inspect;

import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Read-only access to a restored database for browsing: its tables, pages of rows (never a whole
 * table), and ad-hoc queries on a connection that cannot write (opened read-only, {@code query_only}).
 * One statement runs at a time; {@link #cancel} interrupts it from another thread.
 */
public final class DbBrowser implements AutoCloseable {
    /** A table or view of the schema. */
    public record Table(String name, String type) {
        /** Litestream's own bookkeeping tables ({@code _litestream_seq}, {@code _litestream_lock}). */
        public boolean isLitestream() {
            return name.startsWith("_litestream_");
        }
    }

    /** Rows whose column {@code column} (as text) contains {@code text}; a null column means no filter. */
    public record Filter(String column, String text) {
        public static final Filter NONE = new Filter(null, null);

        public boolean isNone() {
            return column == null || text == null || text.isEmpty();
        }
    }

    /** Column names and rows, each value exactly as stored; {@code truncated} when rows were left out. */
    public record Rows(List<String> columns, List<List<Value>> rows, boolean truncated) {
    }

    /** SQLite's primary result code for a write to a read-only database. */
    private static final int SQLITE_READONLY = 8;

    private final Path file;
    private final Connection c;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    public DbBrowser(Path file) {
        this.file = file;
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setOpenMode(SQLiteOpenMode.NOMUTEX);
        try {
            c = cfg.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA query_only = ON");
                st.executeQuery("SELECT count(*) FROM sqlite_schema").close();
            }
        } catch (SQLException e) {
            throw new InspectException("cannot open " + file + " read-only: " + oneLine(e), e);
        }
    }

    public Path file() {
        return file;
    }

    /** A page of a table for the grid: long values cut (see {@link GridRow}); {@code more} if rows follow. */
    public record Page(List<String> columns, List<GridRow> rows, boolean more) {
    }

    /** TEXT and BLOB values longer than this many bytes are cut in grid pages. */
    public static final int CUT = 4096;

    /** User tables and views in name order, litestream's own {@code _litestream_*} tables last. */
    public synchronized List<Table> tables() {
        List<Table> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') "
                     + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIKE '\\_litestream\\_%' ESCAPE '\\', name")) {
            while (rs.next()) {
                out.add(new Table(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new InspectException("cannot list tables of " + file + ": " + oneLine(e), e);
        }
        return out;
    }

    public synchronized List<String> columns(String table) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM pragma_table_info(?) ORDER BY cid")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new InspectException("cannot read the columns of " + table + ": " + oneLine(e), e);
        }
        if (out.isEmpty()) {
            throw new InspectException("no table " + table + " in " + file);
        }
        return out;
    }

    public synchronized long count(String table, Filter filter) {
        String sql = "SELECT count(*) FROM " + Sql.id(table) + where(filter);
        try (PreparedStatement st = prepare(sql, filter)) {
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("cannot count the rows of " + table, e);
        } finally {
            running.set(null);
        }
    }

    /** The table's columns and key (see {@link TableShape}). */
    public synchronized TableShape shape(String table) {
        List<String> cols = columns(table);
        String type = "table";
        boolean withoutRowid = false;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT type, wr FROM pragma_table_list WHERE schema = 'main' AND name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    type = rs.getString(1);
                    withoutRowid = rs.getInt(2) != 0;
                }
            }
            if (withoutRowid) {
                return new TableShape(table, cols, primaryKey(table));
            }
        } catch (SQLException e) {
            throw failure("cannot read the key of " + table, e);
        }
        if (!type.equals("table") && !type.equals("shadow")) {
            return new TableShape(table, cols, List.of());
        }
        for (String alias : List.of("_rowid_", "rowid", "oid")) {
            if (cols.stream().noneMatch(alias::equalsIgnoreCase)) {
                return new TableShape(table, cols, List.of(alias));
            }
        }
        return new TableShape(table, cols, List.of());
    }

    private List<String> primaryKey(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Sql.id(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /**
     * Up to {@code limit} rows in {@code sort}'s order (SQLite sorts), after the row {@code after} (null:
     * from the first); a keyless table pages by {@code position} instead. Values longer than {@link #CUT}
     * bytes are cut.
     */
    public synchronized Page page(TableShape t, Filter filter, Sort sort, RowRef after, long position, int limit) {
        List<String> parts = java.util.Collections.singletonList(null);
        if (t.hasKey() && after != null) {
            parts = PageSql.after(t, sort, after, !sort.isNone() && lastIsNull(t, sort, after));
        }
        List<GridRow> rows = new ArrayList<>();
        for (String cond : parts) {
            String sql = PageSql.select(t, CUT) + PageSql.where(java.util.Arrays.asList(PageSql.filter(filter), cond))
                    + PageSql.orderBy(t, sort) + " LIMIT " + (limit + 1 - rows.size())
                    + (t.hasKey() ? "" : " OFFSET " + position);
            read(t, sql, filter, position, rows);
            if (rows.size() > limit) {
                break;
            }
        }
        boolean more = rows.size() > limit;
        return new Page(t.columns(), more ? rows.subList(0, limit) : rows, more);
    }

    private boolean lastIsNull(TableShape t, Sort sort, RowRef after) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PageSql.lastIsNull(t, sort, after))) {
            return rs.next() && rs.getInt(1) == 1;
        } catch (SQLException e) {
            throw failure("cannot read rows of " + t.table(), e);
        }
    }

    private void read(TableShape t, String sql, Filter filter, long position, List<GridRow> rows) {
        int n = t.columns().size();
        try (PreparedStatement st = prepare(sql, filter); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                List<Value> row = new ArrayList<>(n);
                java.util.BitSet cut = new java.util.BitSet();
                for (int i = 0; i < n; i++) {
                    Value v = Sql.read(rs, 2 * i + 1, 2 * i + 2);
                    if (v.bytes() != null && v.bytes().length > CUT) {
                        v = new Value(v.type(), 0, 0, java.util.Arrays.copyOf(v.bytes(), CUT));
                        cut.set(i);
                    }
                    row.add(v);
                }
                rows.add(new GridRow(row, cut, new RowRef(key(rs, 2 * n, t.key().size()), position + rows.size())));
            }
        } catch (SQLException e) {
            throw failure("cannot read rows of " + t.table(), e);
        } finally {
            running.set(null);
        }
    }

    private static List<Value> key(ResultSet rs, int from, int size) throws SQLException {
        List<Value> key = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            key.add(Sql.read(rs, from + 2 * k + 1, from + 2 * k + 2));
        }
        return key;
    }

    /** The whole row at {@code ref}, every value in full (for copying rows whose values the grid cut). */
    public synchronized List<Value> row(TableShape t, Filter filter, Sort sort, RowRef ref) {
        String sql = PageSql.select(t, 0) + PageSql.locate(t, filter, sort, ref);
        try (PreparedStatement st = prepare(sql, ref.hasKey() ? Filter.NONE : filter); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new InspectException("the row is no longer in " + t.table() + " of " + file);
            }
            List<Value> row = new ArrayList<>();
            for (int i = 0; i < t.columns().size(); i++) {
                row.add(Sql.read(rs, 2 * i + 1, 2 * i + 2));
            }
            return row;
        } catch (SQLException e) {
            throw failure("cannot read a row of " + t.table(), e);
        } finally {
            running.set(null);
        }
    }

    /** One value's type, size and first {@link CellInfo#HEAD} bytes. */
    public synchronized CellInfo cell(TableShape t, String column, Filter filter, Sort sort, RowRef ref) {
        String id = Sql.id(column);
        String sql = "SELECT typeof(" + id + "), length(CAST(" + id + " AS BLOB)), substr(CAST(" + id + " AS BLOB), 1, "
                + CellInfo.HEAD + ") FROM " + t.from() + PageSql.locate(t, filter, sort, ref);
        try (PreparedStatement st = prepare(sql, ref.hasKey() ? Filter.NONE : filter); ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new InspectException("the row is no longer in " + t.table() + " of " + file);
            }
            byte[] head = rs.getBytes(3);
            return new CellInfo(Value.Type.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getLong(2),
                    head == null ? new byte[0] : head);
        } catch (SQLException e) {
            throw failure("cannot read " + column + " of a row of " + t.table(), e);
        } finally {
            running.set(null);
        }
    }

    /** Bytes {@code offset .. offset+length} of one value (as saved: see {@link CellInfo#bytes}). */
    public synchronized byte[] chunk(TableShape t, String column, Filter filter, Sort sort, RowRef ref, long offset,
            int length) {
        String id = Sql.id(column);
        String sql = "SELECT substr(CAST(" + id + " AS BLOB), " + (offset + 1) + ", " + length + ") FROM " + t.from()
                + PageSql.locate(t, filter, sort, ref);
        try (PreparedStatement st = prepare(sql, ref.hasKey() ? Filter.NONE : filter); ResultSet rs = st.executeQuery()) {
            byte[] b = rs.next() ? rs.getBytes(1) : null;
            return b == null ? new byte[0] : b;
        } catch (SQLException e) {
            throw failure("cannot read " + column + " of a row of " + t.table(), e);
        } finally {
            running.set(null);
        }
    }

    /** Every row (full values) in {@code sort}'s order, one at a time: never the whole table in memory. */
    public synchronized void scan(TableShape t, Filter filter, Sort sort, Cancellation cancel,
            java.util.function.Consumer<List<Value>> each) {
        String sql = PageSql.select(t, 0) + PageSql.where(java.util.Arrays.asList(PageSql.filter(filter)))
                + PageSql.orderBy(t, sort);
        int n = t.columns().size();
        try (PreparedStatement st = prepare(sql, filter); AutoCloseable stop = cancel.onCancel(this::cancel);
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                cancel.check();
                List<Value> row = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    row.add(Sql.read(rs, 2 * i + 1, 2 * i + 2));
                }
                each.accept(row);
            }
        } catch (SQLException e) {
            cancel.check();
            throw failure("cannot read rows of " + t.table(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            running.set(null);
        }
    }

    /** Runs one read-only statement and hands over its column names, then each row, one at a time. */
    public synchronized void scanQuery(String sql, Cancellation cancel, java.util.function.Consumer<List<String>> header,
            java.util.function.Consumer<List<Value>> each) {
        try (Statement st = c.createStatement(); AutoCloseable stop = cancel.onCancel(this::cancel)) {
            running.set(st);
            if (!st.execute(sql)) {
                throw new InspectException("the statement returns no rows: nothing to export from " + file);
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnLabel(i));
                }
                header.accept(cols);
                while (rs.next()) {
                    cancel.check();
                    List<Value> row = new ArrayList<>(cols.size());
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(value(rs.getObject(i)));
                    }
                    each.accept(row);
                }
            }
        } catch (SQLException e) {
            cancel.check();
            throw failure("query failed", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            running.set(null);
        }
    }

    /** Runs one read-only statement and returns at most {@code maxRows} of its rows. */
    public synchronized Rows query(String sql, int maxRows) {
        try (Statement st = c.createStatement()) {
            running.set(st);
            boolean hasRows = st.execute(sql);
            if (!hasRows) {
                return new Rows(List.of("changes"), List.of(List.of(Value.ofInteger(Math.max(0, st.getUpdateCount())))),
                        false);
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnLabel(i));
                }
                List<List<Value>> rows = new ArrayList<>();
                boolean more = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        more = true;
                        break;
                    }
                    List<Value> row = new ArrayList<>(cols.size());
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new Rows(cols, rows, more);
            }
        } catch (SQLException e) {
            throw failure("query failed", e);
        } finally {
            running.set(null);
        }
    }

    /** Interrupts the running statement, if any (it then fails with "interrupted"). */
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished meanwhile
            }
        }
    }

    private PreparedStatement prepare(String sql, Filter filter) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        running.set(st);
        if (st.getParameterMetaData().getParameterCount() == 0) {
            return st;
        }
        if (!filter.isNone()) {
            st.setString(1, "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return st;
    }

    private static String where(Filter filter) {
        return PageSql.where(java.util.Arrays.asList(PageSql.filter(filter)));
    }

    private static Value value(Object o) {
        if (o == null) {
            return Value.NULL;
        }
        if (o instanceof Integer || o instanceof Long) {
            return Value.ofInteger(((Number) o).longValue());
        }
        if (o instanceof Number n) {
            return Value.ofReal(n.doubleValue());
        }
        if (o instanceof byte[] b) {
            return Value.ofBlob(b);
        }
        return Value.ofText(o.toString());
    }

    private InspectException failure(String what, SQLException e) {
        if ((e.getErrorCode() & 0xff) == SQLITE_READONLY) {
            return new InspectException(what + ": the restored copy " + file.getFileName() + " is opened read-only, "
                    + "so only queries run here (to change live, push rows from Diff & push)", e);
        }
        return new InspectException(what + " in " + file + ": " + oneLine(e), e);
    }

    /**
     * SQLite's own message: sqlite-jdbc writes "[SQLITE_ERROR] SQL error or missing database (near "x": syntax
     * error)", its result code and that code's general text around it.
     */
    static String oneLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).replace('\n', ' ').replaceFirst("^\\[SQLITE_\\w+\\]\\s*", "");
        if (e instanceof org.sqlite.SQLiteException se) {
            String general = se.getResultCode().message + " (";
            if (m.startsWith(general) && m.endsWith(")")) {
                return m.substring(general.length(), m.length() - 1);
            }
        }
        return m;
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }
}
