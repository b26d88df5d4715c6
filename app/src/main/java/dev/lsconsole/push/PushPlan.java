package dev.lsconsole.push;

import dev.lsconsole.sql.Value;
import java.util.List;

/**
 * Everything about one push, computed before anything is written: the script sent to sqlite3 on the
 * live database (one transaction), the script that undoes it (from live's rows before the push), and
 * the script that checks afterwards that every row reads back exactly.
 */
public record PushPlan(String table, PushMode mode, List<String> columns, List<List<Value>> keys, int inserts,
                       int updates, String script, String undoScript, String verifyScript, List<String> warnings) {
    public PushPlan {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
        warnings = List.copyOf(warnings);
    }

    public int rows() {
        return keys.size();
    }
}
