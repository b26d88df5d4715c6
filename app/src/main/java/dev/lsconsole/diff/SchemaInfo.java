package dev.lsconsole.diff;

import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a push must know about one side's schema beyond columns: virtual tables (FTS3/4/5, R-tree) and
 * the shadow tables that hold their data (never compared or written directly), foreign keys (push
 * order, parent checks) and triggers (they fire on the rows a push writes).
 */
public final class SchemaInfo {
    private static final Map<String, List<String>> SHADOW_SUFFIXES = Map.of(
            "fts3", List.of("content", "segments", "segdir", "docsize", "stat"),
            "fts4", List.of("content", "segments", "segdir", "docsize", "stat"),
            "fts5", List.of("data", "idx", "content", "docsize", "config"),
            "rtree", List.of("node", "parent", "rowid"),
            "geopoly", List.of("node", "parent", "rowid"));
    private static final Pattern USING = Pattern.compile("(?is)^\\s*CREATE\\s+VIRTUAL\\s+TABLE\\s.*?\\bUSING\\s+"
            + "([A-Za-z0-9_]+)\\s*(?:\\((.*)\\))?\\s*;?\\s*$");
    private static final Pattern EVENT = Pattern.compile("(?is)^\\s*(BEFORE|AFTER|INSTEAD\\s+OF)?\\s*"
            + "(INSERT|DELETE|UPDATE)\\b");

    /** A virtual table: its module (lower case) and, for FTS, the external content table ("" = contentless). */
    public record VirtualTable(String name, String module, String contentTable) {
        public boolean isFts() {
            return module.startsWith("fts");
        }

        public boolean isRtree() {
            return module.equals("rtree") || module.equals("geopoly");
        }

        /** FTS or R-tree: the console writes rows through these; other modules are refused. */
        public boolean known() {
            return SHADOW_SUFFIXES.containsKey(module);
        }
    }

    /** One foreign key of a child table: {@code from} columns refer to {@code to} columns of {@code parent}. */
    public record ForeignKey(String child, String parent, List<String> from, List<String> to) {
        public ForeignKey {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** A trigger on a table, e.g. "AFTER INSERT", with its SQL. */
    public record Trigger(String name, String table, String event, String sql) {
        /** Whether its SQL names {@code table} (e.g. an FTS index it keeps in sync). */
        public boolean mentions(String table) {
            return sql.toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name + ": " + event + " ON " + table;
        }
    }

    private final Connection c;
    private final String schema;
    private final Map<String, VirtualTable> virtualTables = new LinkedHashMap<>();
    private final Map<String, String> shadowOwner = new LinkedHashMap<>();
    private final List<Trigger> triggers = new ArrayList<>();

    SchemaInfo(Connection c, String schema) {
        this.c = c;
        this.schema = schema;
        try {
            load();
        } catch (SQLException e) {
            throw new DiffException("cannot read the schema of " + side() + ": " + e.getMessage(), e);
        }
    }

    private String side() {
        return schema.equals("live") ? "live" : "the restored copy";
    }

    private void load() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM "
                + schema + ".sqlite_schema WHERE type IN ('table', 'trigger') ORDER BY name")) {
            while (rs.next()) {
                String sql = rs.getString(4) == null ? "" : rs.getString(4);
                if (rs.getString(1).equals("trigger")) {
                    triggers.add(new Trigger(rs.getString(2), rs.getString(3), event(rs.getString(2), sql), sql));
                    continue;
                }
                tables.add(rs.getString(2));
                Matcher m = USING.matcher(sql);
                if (m.matches()) {
                    String module = m.group(1).toLowerCase(Locale.ROOT);
                    virtualTables.put(rs.getString(2), new VirtualTable(rs.getString(2), module,
                            module.startsWith("fts") ? contentOption(m.group(2)) : null));
                }
            }
        }
        for (String t : tables) {
            for (VirtualTable v : virtualTables.values()) {
                for (String suffix : SHADOW_SUFFIXES.getOrDefault(v.module(), List.of())) {
                    if (t.equalsIgnoreCase(v.name() + "_" + suffix)) {
                        shadowOwner.put(t, v.name());
                    }
                }
            }
        }
        for (String t : reportedShadowTables()) {
            shadowOwner.computeIfAbsent(t, this::ownerByName);
        }
    }

    /** Shadow tables as SQLite 3.37+ reports them (PRAGMA table_list type 'shadow'); none on older builds. */
    private List<String> reportedShadowTables() {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_list "
                + "WHERE schema = " + Sql.literal(Value.ofText(schema)) + " AND type = 'shadow'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return List.of(); // older SQLite: the name rule above is all there is
        }
        return out;
    }

    private String ownerByName(String shadow) {
        String best = null;
        for (String v : virtualTables.keySet()) {
            if (shadow.toLowerCase(Locale.ROOT).startsWith(v.toLowerCase(Locale.ROOT) + "_")
                    && (best == null || v.length() > best.length())) {
                best = v;
            }
        }
        return best == null ? "?" : best;
    }

    /** The value of an FTS content= option: the table name, "" for contentless, null when absent. */
    static String contentOption(String args) {
        if (args == null) {
            return null;
        }
        for (String a : args.split(",")) {
            String[] kv = a.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("content")) {
                String v = kv[1].strip();
                if (v.length() >= 2 && (v.startsWith("'") || v.startsWith("\"") || v.startsWith("["))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static String event(String name, String sql) {
        String rest = sql;
        int at = sql.toLowerCase(Locale.ROOT).indexOf(name.toLowerCase(Locale.ROOT));
        if (at >= 0) {
            rest = sql.substring(at + name.length()).replaceFirst("^[\"`\\]']", "");
        }
        Matcher m = EVENT.matcher(rest);
        if (!m.find()) {
            return "?";
        }
        String when = m.group(1) == null ? "BEFORE" : m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return when + " " + m.group(2).toUpperCase(Locale.ROOT);
    }

    public VirtualTable virtualTable(String table) {
        return virtualTables.get(table);
    }

    public List<VirtualTable> virtualTables() {
        return List.copyOf(virtualTables.values());
    }

    /** The virtual table whose shadow table this is, or null. */
    public String shadowOf(String table) {
        return shadowOwner.get(table);
    }

    /** Shadow tables by the virtual table they belong to, in name order. */
    public Map<String, List<String>> shadowTables() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        shadowOwner.forEach((t, v) -> out.computeIfAbsent(v, x -> new ArrayList<>()).add(t));
        return out;
    }

    public List<Trigger> triggers(String table) {
        return triggers.stream().filter(t -> t.table().equalsIgnoreCase(table)).toList();
    }

    /** The foreign keys of {@code child}; {@code to} filled in with the parent's primary key where omitted. */
    public List<ForeignKey> foreignKeys(String child) {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, \"table\", \"from\", \"to\" "
                + "FROM pragma_foreign_key_list(" + Sql.literal(Value.ofText(child)) + ", "
                + Sql.literal(Value.ofText(schema)) + ") ORDER BY id, seq")) {
            while (rs.next()) {
                byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2),
                    rs.getString(3), rs.getString(4)});
            }
        } catch (SQLException e) {
            throw new DiffException("cannot read the foreign keys of " + child + " in " + side() + ": "
                    + e.getMessage(), e);
        }
        List<ForeignKey> out = new ArrayList<>();
        for (List<String[]> cols : byId.values()) {
            String parent = cols.get(0)[0];
            List<String> from = cols.stream().map(x -> x[1]).toList();
            List<String> to = cols.stream().map(x -> x[2]).toList();
            if (to.stream().anyMatch(x -> x == null)) {
                to = primaryKey(parent);
            }
            out.add(new ForeignKey(child, parent, from, to));
        }
        return out;
    }

    private List<String> primaryKey(String table) {
        List<String[]> pk = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, pk FROM pragma_table_info("
                + Sql.literal(Value.ofText(table)) + ", " + Sql.literal(Value.ofText(schema)) + ") WHERE pk > 0")) {
            while (rs.next()) {
                pk.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException e) {
            throw new DiffException("cannot read the key of " + table + ": " + e.getMessage(), e);
        }
        pk.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
        return pk.isEmpty() ? List.of("rowid") : pk.stream().map(x -> x[0]).toList();
    }

    /** Tables whose foreign keys refer to {@code parent}. */
    public List<String> childrenOf(String parent, List<String> tables) {
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            if (foreignKeys(t).stream().anyMatch(f -> f.parent().equalsIgnoreCase(parent))) {
                out.add(t);
            }
        }
        return out;
    }
}
