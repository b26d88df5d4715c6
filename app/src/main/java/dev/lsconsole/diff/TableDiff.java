package dev.lsconsole.diff;

import java.util.List;

/**
 * How one table differs: rows only in the restored copy ("missing in live"), only in live, and rows
 * with the same key whose values differ; with the schema drift that was found (never a failure).
 */
public record TableDiff(String table, Presence presence, List<String> key, List<String> commonColumns,
                        List<String> onlyRestoredColumns, List<String> onlyLiveColumns, long missingInLive,
                        long onlyInLive, long changed, String problem) {
    public enum Presence { BOTH, ONLY_RESTORED, ONLY_LIVE }

    public TableDiff {
        key = List.copyOf(key);
        commonColumns = List.copyOf(commonColumns);
        onlyRestoredColumns = List.copyOf(onlyRestoredColumns);
        onlyLiveColumns = List.copyOf(onlyLiveColumns);
    }

    public boolean hasDifferences() {
        return presence != Presence.BOTH || missingInLive + onlyInLive + changed > 0
                || !onlyRestoredColumns.isEmpty() || !onlyLiveColumns.isEmpty() || problem != null;
    }
}
