package dev.lsconsole.inspect;

import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * What page queries need to know of a table: its columns and the SQL expressions of its key (the rowid
 * under a name no column shadows, or a WITHOUT ROWID table's primary key columns); no key for views and
 * tables whose rowid names are all taken, which then page by position.
 */
public record TableShape(String table, List<String> columns, List<String> key) {
    public TableShape {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    public boolean hasKey() {
        return !key.isEmpty();
    }

    String from() {
        return Sql.id(table);
    }

    /** {@code k} or {@code (k1, k2)}. */
    String keyExpr() {
        return key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
    }

    /** The literal (or row value of literals) that is exactly {@code values}. */
    static String keyLiteral(List<Value> values) {
        List<String> lits = new ArrayList<>();
        values.forEach(v -> lits.add(v.literal()));
        return lits.size() == 1 ? lits.get(0) : "(" + String.join(", ", lits) + ")";
    }
}
