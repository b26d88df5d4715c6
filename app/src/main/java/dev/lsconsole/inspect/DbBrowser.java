package dev.lsconsole.inspect;

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

    /** User tables and views, in name order. */
    public synchronized List<Table> tables() {
        List<Table> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') "
                     + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
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

    /** Rows {@code offset .. offset+limit} of a table in its stored order. */
    public synchronized Rows page(String table, Filter filter, long offset, int limit) {
        List<String> cols = columns(table);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            String id = Sql.id(cols.get(i));
            sql.append(i == 0 ? "" : ", ").append("typeof(").append(id).append("), ").append(id);
        }
        sql.append(" FROM ").append(Sql.id(table)).append(where(filter)).append(" LIMIT ").append(limit)
                .append(" OFFSET ").append(offset);
        List<List<Value>> rows = new ArrayList<>();
        try (PreparedStatement st = prepare(sql.toString(), filter); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                List<Value> row = new ArrayList<>(cols.size());
                for (int i = 0; i < cols.size(); i++) {
                    row.add(Sql.read(rs, 2 * i + 1, 2 * i + 2));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw failure("cannot read rows of " + table, e);
        } finally {
            running.set(null);
        }
        return new Rows(cols, rows, false);
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
        if (!filter.isNone()) {
            st.setString(1, "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return st;
    }

    private static String where(Filter filter) {
        return filter.isNone() ? "" : " WHERE CAST(" + Sql.id(filter.column()) + " AS TEXT) LIKE ? ESCAPE '\\'";
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
        return new InspectException(what + " in " + file + ": " + oneLine(e), e);
    }

    private static String oneLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.replace('\n', ' ').replaceFirst("^\\[SQLITE_\\w+\\]\\s*", "");
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
