package dev.lsconsole.diff;

import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares the tables of a restored database with a snapshot of the live one. Both files are opened
 * read-only ({@code immutable}) in one SQLite connection, the live one ATTACHed as {@code live}, so the
 * keyed joins run inside SQLite on its own indexes and rows stream out: memory stays bounded whatever
 * the table size. Values compare exactly: same storage class and same bytes (TEXT ignoring collations).
 */
public final class DiffEngine implements AutoCloseable {
    private final Connection c;
    private final java.util.Map<String, SchemaInfo> infos = new java.util.HashMap<>();

    public DiffEngine(Path restored, Path live) {
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + uri(restored));
            try (Statement st = c.createStatement()) {
                st.execute("ATTACH DATABASE '" + uri(live).replace("'", "''") + "' AS live");
            }
        } catch (SQLException e) {
            throw new DiffException("cannot open " + restored + " and " + live + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the statement running on this engine's connection now (sqlite3_interrupt), from any thread:
     * a cancelled comparison ends at once instead of finishing its scan. The engine stays usable.
     */
    public void interrupt() {
        try {
            c.unwrap(org.sqlite.SQLiteConnection.class).getDatabase().interrupt();
        } catch (SQLException e) {
            throw new DiffException("cannot interrupt the comparison: " + e.getMessage(), e);
        }
    }

    private static String uri(Path p) {
        return "file:" + p.toAbsolutePath().toUri().getRawPath() + "?immutable=1";
    }

    /** Virtual tables, shadow tables, foreign keys and triggers of one side ("main" = restored, "live"). */
    public SchemaInfo info(String schema) {
        return infos.computeIfAbsent(schema, s -> new SchemaInfo(c, s));
    }

    /**
     * Tables diff leaves out, one line per virtual table: its shadow tables (either side) and why. They
     * hold the index's internal data; the virtual table itself is compared instead.
     */
    public List<String> skipped() {
        java.util.Map<String, java.util.TreeSet<String>> shadows = new java.util.TreeMap<>();
        java.util.Map<String, String> modules = new java.util.HashMap<>();
        for (String side : List.of("main", "live")) {
            SchemaInfo i = info(side);
            i.shadowTables().forEach((v, ts) -> shadows.computeIfAbsent(v, k -> new java.util.TreeSet<>()).addAll(ts));
            i.virtualTables().forEach(v -> modules.putIfAbsent(v.name(), v.module()));
        }
        List<String> out = new ArrayList<>();
        shadows.forEach((v, ts) -> out.add(String.join(", ", ts) + " (shadow tables of the "
                + modules.getOrDefault(v, "virtual") + " table " + v + "; compared through " + v + ")"));
        return out;
    }

    /** User tables of one side ("main" = restored, "live"), in name order, without shadow tables. */
    public List<String> tables(String schema) {
        SchemaInfo info = info(schema);
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM " + schema + ".sqlite_schema WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_litestream\\_%' ESCAPE '\\' "
                     + "ORDER BY name")) {
            while (rs.next()) {
                if (info.shadowOf(rs.getString(1)) == null) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DiffException("cannot list tables: " + e.getMessage(), e);
        }
        return out;
    }

    public TableSchema schema(String schema, String table) {
        List<String> cols = new ArrayList<>();
        List<String[]> pk = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, pk FROM pragma_table_info("
                     + Sql.literal(Value.ofText(table)) + ", " + Sql.literal(Value.ofText(schema)) + ") ORDER BY cid")) {
            while (rs.next()) {
                cols.add(rs.getString(1));
                if (rs.getInt(2) > 0) {
                    pk.add(new String[] {rs.getString(2), rs.getString(1)});
                }
            }
            pk.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
            boolean withoutRowid;
            try (ResultSet wr = st.executeQuery("SELECT wr FROM pragma_table_list WHERE schema = "
                    + Sql.literal(Value.ofText(schema)) + " AND name = " + Sql.literal(Value.ofText(table)))) {
                withoutRowid = wr.next() && wr.getInt(1) == 1;
            }
            return new TableSchema(table, cols, pk.stream().map(x -> x[1]).toList(), withoutRowid);
        } catch (SQLException e) {
            throw new DiffException("cannot read the schema of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Compares the named tables (all tables of either side when empty) with an optional filter. */
    /** How far a comparison is: tables done of the total, and the table being compared now. */
    @FunctionalInterface
    public interface Progress {
        void at(int done, int total, String table);

        Progress NONE = (d, t, n) -> { };
    }

    public List<TableDiff> compare(List<String> only, String where) {
        return compare(only, where, Progress.NONE);
    }

    /** Compares the tables (all of both sides when {@code only} is empty), reporting each table as it starts. */
    public List<TableDiff> compare(List<String> only, String where, Progress progress) {
        List<String> restoredTables = tables("main");
        List<String> liveTables = tables("live");
        Set<String> names = new LinkedHashSet<>();
        if (only == null || only.isEmpty()) {
            names.addAll(restoredTables);
            names.addAll(liveTables);
        } else {
            only.forEach(this::refuseShadow);
            names.addAll(only);
        }
        List<TableDiff> out = new ArrayList<>();
        List<String> sorted = names.stream().sorted().toList();
        for (String t : sorted) {
            progress.at(out.size(), sorted.size(), t);
            out.add(compare(t, where, restoredTables.contains(t), liveTables.contains(t)));
        }
        progress.at(out.size(), sorted.size(), null);
        return out;
    }

    public TableDiff compare(String table, String where) {
        refuseShadow(table);
        return compare(table, where, tables("main").contains(table), tables("live").contains(table));
    }

    /** A shadow table is never compared on its own: one line naming the virtual table to use. */
    private void refuseShadow(String table) {
        for (String side : List.of("live", "main")) {
            String owner = info(side).shadowOf(table);
            if (owner != null) {
                throw new DiffException(table + " is a shadow table of the " + info(side).virtualTable(owner).module()
                        + " table " + owner + ": compare " + owner + " instead");
            }
        }
    }

    /** Whether a row with these column values exists in one side's table (exact values, NULL never matches). */
    public boolean exists(String schema, String table, List<String> cols, List<Value> values) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String col = cols.get(i).equals("rowid") ? "rowid" : Sql.id(cols.get(i));
            terms.add(col + " = " + Sql.literal(values.get(i)));
        }
        return count("SELECT EXISTS (SELECT 1 FROM " + schema + "." + Sql.id(table) + " WHERE "
                + String.join(" AND ", terms) + ")") > 0;
    }

    private TableDiff compare(String table, String where, boolean inRestored, boolean inLive) {
        if (!inRestored && !inLive) {
            throw new DiffException("no table " + table + " in either database");
        }
        if (!inLive || !inRestored) {
            TableSchema s = schema(inRestored ? "main" : "live", table);
            long rows = count("SELECT count(*) FROM " + (inRestored ? "main." : "live.") + Sql.id(table) + " AS "
                    + (inRestored ? "r" : "l") + filter(where));
            return new TableDiff(table, inRestored ? TableDiff.Presence.ONLY_RESTORED : TableDiff.Presence.ONLY_LIVE,
                    s.primaryKey(), s.columns(), List.of(), List.of(), inRestored ? rows : 0, inRestored ? 0 : rows,
                    0, null);
        }
        Plan p = plan(table);
        if (p.problem != null) {
            return new TableDiff(table, TableDiff.Presence.BOTH, p.key, p.common, p.onlyRestored, p.onlyLive, 0, 0, 0,
                    p.problem);
        }
        return new TableDiff(table, TableDiff.Presence.BOTH, p.key, p.common, p.onlyRestored, p.onlyLive,
                count("SELECT count(*) FROM (" + p.missingSql(where) + ")"),
                count("SELECT count(*) FROM (" + p.onlyLiveSql(where) + ")"),
                count("SELECT count(*) FROM (" + p.changedSql(where) + ")"), null);
    }

    /** Streams the differing rows of one kind, {@code limit} rows from {@code offset} (limit < 0: all). */
    public void rows(String table, RowDiff.Kind kind, String where, long offset, long limit, Consumer<RowDiff> sink) {
        Plan p = plan(table);
        if (p.problem != null) {
            throw new DiffException(p.problem);
        }
        String sql = switch (kind) {
            case MISSING_IN_LIVE -> p.missingSql(where);
            case ONLY_IN_LIVE -> p.onlyLiveSql(where);
            case CHANGED -> p.changedSql(where);
        } + " LIMIT " + limit + " OFFSET " + offset;
        int k = p.key.size();
        int n = p.common.size();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Value> key = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    key.add(Sql.read(rs, 2 * i + 1, 2 * i + 2));
                }
                int base = 2 * k;
                List<Value> a = kind == RowDiff.Kind.ONLY_IN_LIVE ? null : new ArrayList<>(n);
                List<Value> b = kind == RowDiff.Kind.MISSING_IN_LIVE ? null : new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    if (a != null) {
                        a.add(Sql.read(rs, base + 1, base + 2, chunks(p, "main", "r", p.common.get(i), key)));
                        base += 2;
                    }
                    if (b != null) {
                        b.add(Sql.read(rs, base + 1, base + 2, chunks(p, "live", "l", p.common.get(i), key)));
                        base += 2;
                    }
                }
                BitSet changed = new BitSet(n);
                if (a != null && b != null) {
                    for (int i = 0; i < n; i++) {
                        if (!a.get(i).equals(b.get(i))) {
                            changed.set(i);
                        }
                    }
                }
                sink.accept(new RowDiff(kind, key, a, b, changed));
            }
        } catch (SQLException e) {
            throw new DiffException("cannot read differences of " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a large value of one row in chunks ({@code substr} of its bytes), so it goes to the spill file
     * without ever being whole in memory. The row is found again by its key, as exact literals.
     */
    private Sql.ChunkReader chunks(Plan p, String schema, String alias, String column, List<Value> key) {
        List<String> match = new ArrayList<>();
        for (int i = 0; i < p.key.size(); i++) {
            match.add(p.col(alias, p.key.get(i)) + " IS " + Sql.literal(key.get(i)));
        }
        String sql = "SELECT substr(CAST(" + p.col(alias, column) + " AS BLOB), ?, ?) FROM " + schema + "."
                + Sql.id(p.table) + " AS " + alias + " WHERE " + String.join(" AND ", match) + " LIMIT 1";
        return (start, length) -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, start);
                ps.setInt(2, length);
                try (ResultSet rs = ps.executeQuery()) {
                    byte[] b = rs.next() ? rs.getBytes(1) : null;
                    return b == null ? new byte[0] : b;
                }
            }
        };
    }

    private long count(String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new DiffException(e.getMessage().replace('\n', ' '), e);
        }
    }

    private static String filter(String where) {
        return where == null || where.isBlank() ? "" : " WHERE (" + where + ")";
    }

    /** The SQL for one table, from both schemas. */
    private Plan plan(String table) {
        TableSchema r = schema("main", table);
        TableSchema l = schema("live", table);
        List<String> common = r.columns().stream().filter(l.columns()::contains).toList();
        List<String> onlyR = r.columns().stream().filter(x -> !l.columns().contains(x)).toList();
        List<String> onlyL = l.columns().stream().filter(x -> !r.columns().contains(x)).toList();
        List<String> key = r.keyedByRowid() ? List.of("rowid") : r.primaryKey();
        String problem = null;
        if (!r.primaryKey().equals(l.primaryKey())) {
            problem = "table " + table + " has primary key " + r.primaryKey() + " in the restored copy but "
                    + l.primaryKey() + " in live; rows cannot be matched";
        } else if (r.keyedByRowid() && (r.columns().contains("rowid") || l.columns().contains("rowid"))) {
            problem = "table " + table + " has no primary key and a column named rowid; rows cannot be matched";
        }
        List<String> compared = common.stream().filter(x -> !key.contains(x)).toList();
        return new Plan(table, key, compared, onlyR, onlyL, problem);
    }

    private record Plan(String table, List<String> key, List<String> common, List<String> onlyRestored,
                        List<String> onlyLive, String problem) {
        private String col(String alias, String name) {
            return name.equals("rowid") && key.equals(List.of("rowid")) ? alias + ".rowid" : alias + "." + Sql.id(name);
        }

        private String keyMatch() {
            StringBuilder sb = new StringBuilder();
            for (String k : key) {
                // rowid is never NULL: "=" lets virtual tables (FTS, R-tree) look it up instead of scanning
                String op = key.equals(List.of("rowid")) ? " = " : " IS ";
                sb.append(sb.length() == 0 ? "" : " AND ").append(col("l", k)).append(op).append(col("r", k));
            }
            return sb.toString();
        }

        private String select(String keyAlias, boolean restored, boolean live) {
            List<String> cols = new ArrayList<>();
            for (String k : key) {
                cols.add("typeof(" + col(keyAlias, k) + ")");
                cols.add(col(keyAlias, k));
            }
            for (String name : common) { // large values stay in SQLite here and are read in chunks
                if (restored) {
                    cols.add(Sql.typeOf(col("r", name)));
                    cols.add(Sql.valueOf(col("r", name)));
                }
                if (live) {
                    cols.add(Sql.typeOf(col("l", name)));
                    cols.add(Sql.valueOf(col("l", name)));
                }
            }
            return "SELECT " + String.join(", ", cols);
        }

        private String orderBy(String alias) {
            List<String> o = new ArrayList<>();
            for (String k : key) {
                o.add(col(alias, k));
            }
            return " ORDER BY " + String.join(", ", o);
        }

        String missingSql(String where) {
            return select("r", true, false) + " FROM main." + Sql.id(table) + " AS r WHERE "
                    + (where == null || where.isBlank() ? "" : "(" + where + ") AND ")
                    + "NOT EXISTS (SELECT 1 FROM live." + Sql.id(table) + " AS l WHERE " + keyMatch() + ")"
                    + orderBy("r");
        }

        String onlyLiveSql(String where) {
            return select("l", false, true) + " FROM live." + Sql.id(table) + " AS l WHERE "
                    + (where == null || where.isBlank() ? "" : "(" + where + ") AND ")
                    + "NOT EXISTS (SELECT 1 FROM main." + Sql.id(table) + " AS r WHERE " + keyMatch() + ")"
                    + orderBy("l");
        }

        /** Differs when the storage class differs, or the bytes (TEXT as BLOB, so collations do not hide it). */
        String changedSql(String where) {
            List<String> diffs = new ArrayList<>();
            for (String name : common) {
                String a = col("r", name);
                String b = col("l", name);
                diffs.add("typeof(" + a + ") IS NOT typeof(" + b + ") OR CASE typeof(" + a + ") WHEN 'text' THEN CAST("
                        + a + " AS BLOB) IS NOT CAST(" + b + " AS BLOB) WHEN 'null' THEN 0 ELSE " + a + " IS NOT " + b
                        + " END");
            }
            String changed = diffs.isEmpty() ? "0" : "(" + String.join(") OR (", diffs) + ")";
            // The filter sees the restored row alone (in the join its column names would be ambiguous).
            String filter = "";
            if (where != null && !where.isBlank()) {
                List<String> same = new ArrayList<>();
                for (String k : key) {
                    same.add(col("f", k) + " IS " + col("r", k));
                }
                filter = "EXISTS (SELECT 1 FROM main." + Sql.id(table) + " AS f WHERE " + String.join(" AND ", same)
                        + " AND (" + where + ")) AND ";
            }
            return select("r", true, true) + " FROM main." + Sql.id(table) + " AS r JOIN live." + Sql.id(table)
                    + " AS l ON " + keyMatch() + " WHERE " + filter + "(" + changed + ")" + orderBy("r");
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only; nothing to lose
        }
    }
}
