package dev.lsconsole.push;

import dev.lsconsole.diff.SchemaInfo;
import java.util.List;

/**
 * Everything about one push, computed before anything is written: the tables in the order they are
 * written (parents before children), the script sent to sqlite3 on the live database (one transaction
 * for all tables, with its checks before COMMIT), the script that undoes it, the script that checks
 * afterwards that every row reads back exactly, the script that counts the pushed rows that no longer read as
 * the preview saw them (0: live is as before, the push wrote nothing), and the live triggers that fire on the
 * target tables.
 */
public record PushPlan(List<TablePlan> tables, PushMode mode, String script, String undoScript, String verifyScript,
                       String untouchedScript, List<String> warnings, List<SchemaInfo.Trigger> triggers) {
    public PushPlan {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
        triggers = List.copyOf(triggers);
    }

    /** The table names in write order, comma-separated (one name for a single-table push). */
    public String table() {
        return String.join(", ", tableNames());
    }

    public List<String> tableNames() {
        return tables.stream().map(TablePlan::table).toList();
    }

    public int rows() {
        return tables.stream().mapToInt(TablePlan::rows).sum();
    }

    public int inserts() {
        return tables.stream().mapToInt(TablePlan::inserts).sum();
    }

    public int updates() {
        return tables.stream().mapToInt(TablePlan::updates).sum();
    }
}
