package dev.lsconsole.push;

import dev.lsconsole.diff.SchemaInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the tables of a push into its three scripts. The push: {@code PRAGMA foreign_keys = OFF} (the
 * setting is per connection; off, no ON DELETE/UPDATE action of ours touches rows the push did not
 * choose, and our own foreign_key_check is the guard), one {@code BEGIN IMMEDIATE}, a check that live
 * still is as previewed (rows to insert still absent, rows to update unchanged), the writes parents
 * first, the {@link PushChecks}, COMMIT. The undo: the same frame, children first, and only if every
 * pushed row still reads exactly as the push wrote it, so it undoes the push's own writes and nothing else.
 */
final class PushScripts {
    static final int BUSY_TIMEOUT_MS = 5000;
    private static final String HEADER = ".bail on\n.timeout " + BUSY_TIMEOUT_MS + "\nPRAGMA foreign_keys = OFF;\n"
            + "BEGIN IMMEDIATE;\n";
    private static final String FOOTER = "COMMIT;\n.quit\n";
    /** What the push prints once COMMIT succeeded (.bail on: nothing after a failed statement runs). */
    static final String COMMITTED = "lsc-committed";
    /** The push's end: COMMIT, then the marker that says it committed (a trigger may hide its rows). */
    private static final String PUSH_FOOTER = "COMMIT;\nSELECT '" + COMMITTED + "';\n.quit\n";

    private PushScripts() {
    }

    static PushPlan compose(List<TableScript> parts, PushMode mode, PushChecks checks, List<String> warnings,
                            List<SchemaInfo.Trigger> triggers) {
        int rows = parts.stream().mapToInt(p -> p.plan.rows()).sum();
        String names = String.join(", ", parts.stream().map(p -> p.plan.table()).toList());
        StringBuilder push = new StringBuilder(HEADER);
        push.append("-- live must still be as previewed\n");
        for (int i = 0; i < parts.size(); i++) {
            TableScript p = parts.get(i);
            if (!p.insertedKeys.isEmpty()) {
                push.append(TableScript.temp("lsc_new_" + i, p.plan.keyColumns().size(), p.insertedKeys));
                push.append(PushChecks.failIf("lsc_gn_" + i, "live changed since the preview: a row to insert into "
                        + p.plan.table() + " exists now", p.existing("lsc_new_" + i)));
            }
            if (!p.before.isEmpty()) {
                push.append(TableScript.temp("lsc_old_" + i, p.width(), p.before));
                push.append(PushChecks.failIf("lsc_go_" + i, "live changed since the preview: a row to update in "
                        + p.plan.table() + " differs from the preview", p.mismatches("lsc_old_" + i, false)));
            }
        }
        push.append(checks.before()).append("-- writes, parents first\n");
        parts.forEach(p -> push.append(p.body));
        push.append("-- checks before COMMIT\n").append(checks.after()).append(PUSH_FOOTER);

        StringBuilder undo = new StringBuilder("-- undo: " + mode.flag + " of " + rows + " rows into " + names + "\n");
        undo.append(HEADER).append("-- only if every pushed row still reads as the push wrote it\n");
        undo.append(written(parts, i -> PushChecks.failIf("lsc_gw_" + i, "rows of " + parts.get(i).plan.table()
                + " are not as the push wrote them (changed since, or the push did not happen); nothing was undone",
                parts.get(i).mismatches("lsc_w_" + i, false))));
        undo.append(checks.before()).append("-- undo, children first\n");
        for (int i = parts.size() - 1; i >= 0; i--) {
            undo.append(parts.get(i).undo);
        }
        undo.append("-- checks before COMMIT\n").append(checks.after()).append(FOOTER);

        String verify;
        String untouched;
        if (rows == 0) {
            untouched = ".bail on\nSELECT 0;\n.quit\n";
            verify = ".bail on\nSELECT 0;\n.quit\n";
        } else {
            List<String> counts = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).plan.rows() > 0) {
                    counts.add("(SELECT count(*) FROM (" + parts.get(i).mismatches("lsc_w_" + i, false) + "))");
                }
            }
            verify = ".bail on\n.timeout " + BUSY_TIMEOUT_MS + "\n" + written(parts, i -> "") + "SELECT "
                    + String.join(" + ", counts) + ";\n.quit\n";
            untouched = untouched(parts);
        }
        return new PushPlan(parts.stream().map(p -> p.plan).toList(), mode, push.toString(), undo.toString(), verify,
                untouched, warnings, triggers);
    }

    /**
     * Counts the rows that no longer read as the preview saw live: a row to insert that exists, a row to
     * update that differs from its preview value. 0 means live is as before the push: nothing was written.
     */
    private static String untouched(List<TableScript> parts) {
        StringBuilder sb = new StringBuilder(".bail on\n.timeout " + BUSY_TIMEOUT_MS + "\n");
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            TableScript p = parts.get(i);
            if (!p.insertedKeys.isEmpty()) {
                sb.append(TableScript.temp("lsc_new_" + i, p.plan.keyColumns().size(), p.insertedKeys));
                counts.add("(SELECT count(*) FROM (" + p.existing("lsc_new_" + i) + "))");
            }
            if (!p.before.isEmpty()) {
                sb.append(TableScript.temp("lsc_old_" + i, p.width(), p.before));
                counts.add("(SELECT count(*) FROM (" + p.mismatches("lsc_old_" + i, false) + "))");
            }
        }
        return sb.append("SELECT ").append(counts.isEmpty() ? "0" : String.join(" + ", counts)).append(";\n.quit\n")
                .toString();
    }

    /** The rows as written, in temp tables lsc_w_i, each followed by {@code after.apply(i)}. */
    private static String written(List<TableScript> parts, java.util.function.IntFunction<String> after) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            TableScript p = parts.get(i);
            if (!p.written.isEmpty()) {
                sb.append(TableScript.temp("lsc_w_" + i, p.width(), p.written)).append(after.apply(i));
            }
        }
        return sb.toString();
    }
}
