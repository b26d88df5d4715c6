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

    /** The schema drift and problems found, one phrase each (empty when there are none). */
    public List<String> notes() {
        List<String> n = new java.util.ArrayList<>();
        if (presence == Presence.ONLY_RESTORED) {
            n.add("table missing in live");
        } else if (presence == Presence.ONLY_LIVE) {
            n.add("table only in live");
        }
        if (!onlyRestoredColumns.isEmpty()) {
            n.add("columns only in restored: " + String.join(",", onlyRestoredColumns));
        }
        if (!onlyLiveColumns.isEmpty()) {
            n.add("columns only in live: " + String.join(",", onlyLiveColumns));
        }
        if (problem != null) {
            n.add(problem);
        }
        return n;
    }

    public boolean hasDifferences() {
        return presence != Presence.BOTH || missingInLive + onlyInLive + changed > 0
                || !onlyRestoredColumns.isEmpty() || !onlyLiveColumns.isEmpty() || problem != null;
    }
}
