package dev.lsconsole.inspect;

import dev.lsconsole.sql.Value;
import java.util.AbstractList;
import java.util.BitSet;
import java.util.List;

/**
 * One row of a grid page: its values, long TEXT/BLOB values cut to their first bytes (never loaded whole
 * into a grid), which of them were cut, and where the row lives so a cut value can be read in full.
 */
public final class GridRow extends AbstractList<Value> {
    private final List<Value> values;
    private final BitSet cut;
    private final RowRef ref;

    public GridRow(List<Value> values, BitSet cut, RowRef ref) {
        this.values = List.copyOf(values);
        this.cut = (BitSet) cut.clone();
        this.ref = ref;
    }

    @Override
    public Value get(int index) {
        return values.get(index);
    }

    @Override
    public int size() {
        return values.size();
    }

    /** True if value {@code index} is only the first bytes of a longer value. */
    public boolean isCut(int index) {
        return cut.get(index);
    }

    public boolean anyCut() {
        return !cut.isEmpty();
    }

    public RowRef ref() {
        return ref;
    }
}
