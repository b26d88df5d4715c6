package dev.lsconsole.inspect;

import dev.lsconsole.sql.Value;
import java.util.List;

/**
 * Where a grid row lives, so one value of it can be read again in full: its key (rowid or WITHOUT ROWID
 * primary key) when the table has one, else its position under the same filter and sort.
 */
public record RowRef(List<Value> key, long position) {
    public RowRef {
        key = List.copyOf(key);
    }

    public boolean hasKey() {
        return !key.isEmpty();
    }
}
