package dev.lsconsole.push;

import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.List;

/** The rows chosen from one table for a push (a mutable list: parents may be added), with its comparison. */
record Chosen(TableDiff diff, List<RowDiff> rows) {
    /** Key columns then compared columns, the order of {@link #values}. */
    List<String> columns() {
        List<String> c = new ArrayList<>(diff.key());
        c.addAll(diff.commonColumns());
        return c;
    }

    /** A row's key then its restored values. */
    static List<Value> values(RowDiff r) {
        List<Value> v = new ArrayList<>(r.key());
        v.addAll(r.restored());
        return v;
    }

    /** The values of {@code cols} in a row. */
    List<Value> pick(RowDiff r, List<String> cols) {
        List<String> all = columns();
        List<Value> v = values(r);
        List<Value> out = new ArrayList<>(cols.size());
        cols.forEach(c -> out.add(v.get(all.indexOf(c))));
        return out;
    }
}
