package dev.lsconsole.push;

import dev.lsconsole.sql.Value;
import java.util.List;

/** The part of a {@link PushPlan} for one table: its key and pushed columns, and the rows by key. */
public record TablePlan(String table, List<String> keyColumns, List<String> columns, List<List<Value>> keys,
                        int inserts, int updates) {
    public TablePlan {
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    public int rows() {
        return keys.size();
    }
}
