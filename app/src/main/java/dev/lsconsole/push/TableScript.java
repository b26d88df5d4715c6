package dev.lsconsole.push;

import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for one table of a push: its writes and their undo, the rows as they must read back after
 * the push, and live's rows as they must still be when the push starts (the preview's snapshot), so
 * that the undo, written from that snapshot, undoes exactly what the push wrote.
 */
final class TableScript {
    final TablePlan plan;
    final String body;
    final String undo;
    /** VALUES rows (key then columns) as the push writes them. */
    final String written;
    /** VALUES rows of live before the push, for the rows it updates. */
    final String before;
    /** VALUES rows (key only) of the rows it inserts. */
    final String insertedKeys;

    private TableScript(TablePlan plan, String body, String undo, String written, String before, String insertedKeys) {
        this.plan = plan;
        this.body = body;
        this.undo = undo;
        this.written = written;
        this.before = before;
        this.insertedKeys = insertedKeys;
    }

    static TableScript of(String table, List<String> keyCols, List<String> cols, List<RowDiff> rows) {
        String t = Sql.id(table);
        StringBuilder body = new StringBuilder();
        StringBuilder undo = new StringBuilder();
        StringBuilder written = new StringBuilder();
        StringBuilder before = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
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
                append(inserted, literals(r.key()));
                inserts++;
            } else {
                body.append("UPDATE ").append(t).append(" SET ").append(assignments(cols, r.restored()))
                        .append(" WHERE ").append(where).append(";\n");
                undo.append("UPDATE ").append(t).append(" SET ").append(assignments(cols, r.live()))
                        .append(" WHERE ").append(where).append(";\n");
                List<Value> old = new ArrayList<>(r.key());
                old.addAll(r.live());
                append(before, literals(old));
                updates++;
            }
            append(written, literals(values));
        }
        TablePlan plan = new TablePlan(table, keyCols, cols, keys, inserts, updates);
        return new TableScript(plan, body.toString(), undo.toString(), written.toString(), before.toString(),
                inserted.toString());
    }

    private static void append(StringBuilder rows, String row) {
        rows.append(rows.length() == 0 ? "" : ",\n  ").append("(").append(row).append(")");
    }

    /**
     * A query for the rows of temp table {@code e} (columns c0…) that have no exact match in live: same
     * key, same storage class and bytes in every column.
     */
    String mismatches(String e, boolean keyOnly) {
        List<String> keyCols = plan.keyColumns();
        List<String> all = new ArrayList<>(keyCols);
        if (!keyOnly) {
            all.addAll(plan.columns());
        }
        List<String> match = new ArrayList<>();
        for (int i = 0; i < keyCols.size(); i++) {
            match.add("l." + idOrRowid(all.get(i), keyCols) + keyOp() + "e.c" + i); // plain terms: the key's index is used
        }
        for (int i = 0; i < all.size(); i++) {
            String live = "l." + idOrRowid(all.get(i), keyCols);
            String exp = "e.c" + i;
            match.add("typeof(" + live + ") IS typeof(" + exp + ") AND (CASE typeof(" + exp + ") WHEN 'text' THEN "
                    + "CAST(" + live + " AS BLOB) IS CAST(" + exp + " AS BLOB) ELSE " + live + " IS " + exp + " END)");
        }
        return "SELECT 1 FROM temp." + e + " AS e WHERE NOT EXISTS (SELECT 1 FROM main." + Sql.id(plan.table())
                + " AS l WHERE " + String.join(" AND ", match) + ")";
    }

    /** A query for the keys of temp table {@code e} that exist in live. */
    String existing(String e) {
        List<String> keyCols = plan.keyColumns();
        List<String> match = new ArrayList<>();
        for (int i = 0; i < keyCols.size(); i++) {
            match.add("l." + idOrRowid(keyCols.get(i), keyCols) + keyOp() + "e.c" + i);
        }
        return "SELECT 1 FROM temp." + e + " AS e WHERE EXISTS (SELECT 1 FROM main." + Sql.id(plan.table())
                + " AS l WHERE " + String.join(" AND ", match) + ")";
    }

    /** A rowid is never NULL: "=" lets FTS and R-tree tables look it up instead of scanning for IS. */
    private String keyOp() {
        return plan.keyColumns().equals(List.of("rowid")) ? " = " : " IS ";
    }

    /** CREATE TEMP TABLE {@code e}(c0…) filled with {@code rows}. */
    static String temp(String e, int columns, String rows) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            names.add("c" + i);
        }
        return "CREATE TEMP TABLE " + e + "(" + String.join(", ", names) + ");\nINSERT INTO temp." + e + " VALUES\n  "
                + rows + ";\n";
    }

    int width() {
        return plan.keyColumns().size() + plan.columns().size();
    }

    static String idOrRowid(String col, List<String> keyCols) {
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
