package dev.lsconsole.diff;

import java.util.List;

/** A table's columns in order, its key (primary key columns, or the rowid) and whether it has a rowid. */
public record TableSchema(String name, List<String> columns, List<String> primaryKey, boolean withoutRowid) {
    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Tables without a declared primary key are keyed by their rowid. */
    public boolean keyedByRowid() {
        return primaryKey.isEmpty();
    }
}
