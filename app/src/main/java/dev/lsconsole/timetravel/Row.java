package dev.lsconsole.timetravel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row's columns (in table order) as literal text; equal rows render equal. */
public record Row(Map<String, String> columns) {
    public Row {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** A column changed from one row to the next, with {@code null} for a column that did not exist. */
    public record Change(String column, String before, String after) {
    }

    /** The columns whose values differ, old columns first, then columns only {@code after} has. */
    public static List<Change> changes(Row before, Row after) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, String> e : before.columns().entrySet()) {
            String now = after.columns().get(e.getKey());
            if (!e.getValue().equals(now)) {
                out.add(new Change(e.getKey(), e.getValue(), now));
            }
        }
        for (Map.Entry<String, String> e : after.columns().entrySet()) {
            if (!before.columns().containsKey(e.getKey())) {
                out.add(new Change(e.getKey(), null, e.getValue()));
            }
        }
        return out;
    }
}
