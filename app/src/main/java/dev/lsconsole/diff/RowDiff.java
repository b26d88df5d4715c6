package dev.lsconsole.diff;

import dev.lsconsole.sql.Value;
import java.util.BitSet;
import java.util.List;

/**
 * One differing row: its key, and the values of the compared columns on each side (null for the side
 * where the row does not exist). {@code changed} marks the columns whose values differ.
 */
public record RowDiff(Kind kind, List<Value> key, List<Value> restored, List<Value> live, BitSet changed) {
    public enum Kind { MISSING_IN_LIVE, ONLY_IN_LIVE, CHANGED }
}
