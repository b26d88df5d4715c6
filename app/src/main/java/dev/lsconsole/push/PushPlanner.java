package dev.lsconsole.push;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns chosen differences into SQL. Rows missing in live become {@code INSERT OR IGNORE} (the seed's
 * flow: never overwrites a row that appeared meanwhile); in upsert mode changed rows also get an
 * {@code UPDATE} of the compared columns. Columns live does not have are left out (reported), columns
 * only live has keep their defaults. Values are exact literals, identifiers always quoted.
 */
public final class PushPlanner {
    static final int BUSY_TIMEOUT_MS = 5000;

    /**
     * Plans a push of {@code table}: the rows with the given keys, or with {@code keys} null every row
     * missing in live (and, for upsert, every changed row).
     */
    public PushPlan plan(DiffEngine diff, String table, PushMode mode, List<List<Value>> keys, String where) {
        TableDiff d = diff.compare(table, where);
        if (d.problem() != null) {
            throw new PushException(d.problem());
        }
        if (d.presence() != TableDiff.Presence.BOTH) {
            throw new PushException("table " + table + " does not exist in "
                    + (d.presence() == TableDiff.Presence.ONLY_LIVE ? "the restored copy" : "live")
                    + "; create it there first (pushes never change the schema)");
        }
        Set<List<Value>> wanted = keys == null ? null : new HashSet<>(keys);
        List<RowDiff> rows = new ArrayList<>();
        diff.rows(table, RowDiff.Kind.MISSING_IN_LIVE, where, 0, -1, r -> {
            if (wanted == null || wanted.contains(r.key())) {
                rows.add(r);
            }
        });
        if (mode == PushMode.UPSERT) {
            diff.rows(table, RowDiff.Kind.CHANGED, where, 0, -1, r -> {
                if (wanted == null || wanted.contains(r.key())) {
                    rows.add(r);
                }
            });
        }
        if (wanted != null) {
            Set<List<Value>> found = new HashSet<>();
            rows.forEach(r -> found.add(r.key()));
            for (List<Value> k : keys) {
                if (!found.contains(k)) {
                    throw new PushException("row " + k + " of " + table + " is not "
                            + (mode == PushMode.UPSERT ? "missing in or different from" : "missing in") + " live");
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!d.onlyRestoredColumns().isEmpty()) {
            warnings.add("columns " + d.onlyRestoredColumns() + " of " + table + " do not exist in live and are not pushed");
        }
        if (!d.onlyLiveColumns().isEmpty()) {
            warnings.add("columns " + d.onlyLiveColumns() + " exist only in live; inserted rows get their defaults");
        }
        return build(table, mode, d.key(), d.commonColumns(), rows, warnings);
    }

    static PushPlan build(String table, PushMode mode, List<String> keyCols, List<String> cols, List<RowDiff> rows,
                          List<String> warnings) {
        String t = Sql.id(table);
        StringBuilder body = new StringBuilder();
        StringBuilder undo = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        List<String> allCols = new ArrayList<>(keyCols);
        allCols.addAll(cols);
        String colList = String.join(", ", allCols.stream().map(c -> idOrRowid(c, keyCols)).toList());
        int inserts = 0;
        int updates = 0;
        List<List<Value>> keys = new ArrayList<>();
        for (RowDiff r : rows) {
            keys.add(r.key());
            List<Value> values = new ArrayList<>(r.key());
            values.addAll(r.restored());
            String where = keyWhere(keyCols, r.key());
            if (r.kind() == RowDiff.Kind.MISSING_IN_LIVE) {
                body.append("INSERT OR IGNORE INTO ").append(t).append(" (").append(colList).append(") VALUES (")
                        .append(literals(values)).append(");\n");
                undo.append("DELETE FROM ").append(t).append(" WHERE ").append(where).append(";\n");
                inserts++;
            } else {
                body.append("UPDATE ").append(t).append(" SET ").append(assignments(cols, r.restored()))
                        .append(" WHERE ").append(where).append(";\n");
                undo.append("UPDATE ").append(t).append(" SET ").append(assignments(cols, r.live()))
                        .append(" WHERE ").append(where).append(";\n");
                updates++;
            }
            expected.append(expected.length() == 0 ? "" : ",\n  ").append("(").append(literals(values)).append(")");
        }
        String header = ".bail on\n.timeout " + BUSY_TIMEOUT_MS + "\nBEGIN IMMEDIATE;\n";
        String script = header + body + "COMMIT;\n.quit\n";
        String undoScript = "-- undo: " + mode.flag + " of " + rows.size() + " rows into " + table + "\n" + header + undo
                + "COMMIT;\n.quit\n";
        return new PushPlan(table, mode, cols, keys, inserts, updates, script, undoScript,
                verifyScript(t, keyCols, cols, expected.toString()), warnings);
    }

    /** Counts pushed rows that do not read back exactly (0 = verified). Uses a TEMP table only. */
    private static String verifyScript(String t, List<String> keyCols, List<String> cols, String expectedRows) {
        int n = keyCols.size() + cols.size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("c" + i);
        }
        List<String> match = new ArrayList<>();
        List<String> all = new ArrayList<>(keyCols);
        all.addAll(cols);
        for (int i = 0; i < keyCols.size(); i++) {
            match.add("l." + idOrRowid(all.get(i), keyCols) + " IS e.c" + i); // plain terms: the key's index is used
        }
        for (int i = 0; i < n; i++) {
            String live = "l." + idOrRowid(all.get(i), keyCols);
            String exp = "e.c" + i;
            String eq = "typeof(" + live + ") IS typeof(" + exp + ") AND (CASE typeof(" + exp + ") WHEN 'text' THEN "
                    + "CAST(" + live + " AS BLOB) IS CAST(" + exp + " AS BLOB) ELSE " + live + " IS " + exp + " END)";
            match.add(eq);
        }
        if (expectedRows.isEmpty()) {
            return ".bail on\nSELECT 0;\n.quit\n";
        }
        return ".bail on\n.timeout " + BUSY_TIMEOUT_MS + "\nCREATE TEMP TABLE e(" + String.join(", ", names) + ");\n"
                + "INSERT INTO temp.e VALUES\n  " + expectedRows + ";\n"
                + "SELECT count(*) FROM temp.e AS e WHERE NOT EXISTS (SELECT 1 FROM main." + t + " AS l WHERE "
                + String.join(" AND ", match) + ");\n.quit\n";
    }

    private static String idOrRowid(String col, List<String> keyCols) {
        return keyCols.equals(List.of("rowid")) && col.equals("rowid") ? "rowid" : Sql.id(col);
    }

    private static String literals(List<Value> values) {
        return String.join(", ", values.stream().map(Sql::literal).toList());
    }

    private static String assignments(List<String> cols, List<Value> values) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            a.add(Sql.id(cols.get(i)) + " = " + Sql.literal(values.get(i)));
        }
        return String.join(", ", a);
    }

    private static String keyWhere(List<String> keyCols, List<Value> key) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < keyCols.size(); i++) {
            a.add(idOrRowid(keyCols.get(i), keyCols) + " IS " + Sql.literal(key.get(i)));
        }
        return String.join(" AND ", a);
    }
}
