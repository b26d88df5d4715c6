package dev.lsconsole.push;

import dev.lsconsole.diff.SchemaInfo;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a push (and its undo) runs before COMMIT so that a bad result rolls back: external-content FTS
 * indexes brought up to date, foreign_key_check on the touched tables and their children (only
 * violations the transaction added count: live may have had orphans before), the FTS
 * 'integrity-check' / rtreecheck() of the touched virtual tables and PRAGMA integrity_check of their
 * shadow tables. Each check fails with a CHECK constraint whose name is the one-line reason.
 */
final class PushChecks {
    final List<String> warnings = new ArrayList<>();
    private final List<String> rebuilds = new ArrayList<>();
    private final List<SchemaInfo.VirtualTable> indexes = new ArrayList<>();
    private final List<String> shadowTables = new ArrayList<>();
    private final List<String> fkTables = new ArrayList<>();

    PushChecks(SchemaInfo live, List<String> liveTables, List<String> touched) {
        for (String t : touched) {
            SchemaInfo.VirtualTable v = live.virtualTable(t);
            if (v != null) {
                indexes.add(v);
                continue;
            }
            for (SchemaInfo.VirtualTable x : live.virtualTables()) {
                if (x.isFts() && x.contentTable() != null && x.contentTable().equalsIgnoreCase(t)) {
                    externalIndex(live, x, t);
                }
            }
        }
        for (SchemaInfo.VirtualTable v : indexes) {
            shadowTables.addAll(live.shadowTables().getOrDefault(v.name(), List.of()));
        }
        Set<String> fk = new LinkedHashSet<>();
        for (String t : touched) {
            if (live.virtualTable(t) == null) {
                fk.add(t);
                fk.addAll(live.childrenOf(t, liveTables));
            }
        }
        fk.stream().filter(t -> !live.foreignKeys(t).isEmpty()).forEach(fkTables::add);
    }

    private void externalIndex(SchemaInfo live, SchemaInfo.VirtualTable x, String content) {
        indexes.add(x);
        String what = "the " + x.module() + " index " + x.name() + " over " + content;
        if (live.triggers(content).stream().anyMatch(tr -> tr.mentions(x.name()))) {
            warnings.add(what + " is kept up to date by live triggers on " + content);
        } else {
            rebuilds.add("INSERT INTO " + Sql.id(x.name()) + "(" + Sql.id(x.name()) + ") VALUES ('rebuild');\n");
            warnings.add(what + " is rebuilt in the same transaction (no live trigger keeps it in sync)");
        }
    }

    /** Before the writes: the foreign-key violations live already has. */
    String before() {
        if (fkTables.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String t : fkTables) {
            parts.add("SELECT \"table\" AS t, rowid AS r, parent AS p, fkid AS f FROM pragma_foreign_key_check("
                    + text(t) + ")");
        }
        return "CREATE TEMP TABLE lsc_fk_before AS " + String.join(" UNION ALL ", parts) + ";\n";
    }

    /** After the writes, before COMMIT. */
    String after() {
        StringBuilder sb = new StringBuilder();
        rebuilds.forEach(sb::append);
        int i = 0;
        for (String t : fkTables) {
            String now = "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check(" + text(t) + ")";
            sb.append(failIf("lsc_fk_" + i++, "foreign_key_check found rows of " + t + " whose parent is missing",
                    "SELECT 1 WHERE EXISTS (" + now + " EXCEPT SELECT t, r, p, f FROM temp.lsc_fk_before) OR (SELECT "
                            + "count(*) FROM pragma_foreign_key_check(" + text(t) + ")) > (SELECT count(*) FROM "
                            + "temp.lsc_fk_before WHERE t = " + text(t) + ")"));
        }
        for (SchemaInfo.VirtualTable v : indexes) {
            if (v.isFts()) {
                sb.append("INSERT INTO ").append(Sql.id(v.name())).append("(").append(Sql.id(v.name()))
                        .append(") VALUES ('integrity-check');\n");
            } else if (v.isRtree()) {
                sb.append(failIf("lsc_rt_" + i++, "rtreecheck(" + v.name() + ") found problems in the R-tree",
                        "SELECT 1 WHERE rtreecheck('main', " + text(v.name()) + ") IS NOT 'ok'"));
            }
        }
        for (String s : shadowTables) {
            sb.append(failIf("lsc_ic_" + i++, "PRAGMA integrity_check found problems in " + s,
                    "SELECT 1 FROM pragma_integrity_check(" + text(s) + ") WHERE integrity_check IS NOT 'ok'"));
        }
        return sb.toString();
    }

    /** Fails the script (and so the transaction) with {@code reason} when {@code query} returns a row. */
    static String failIf(String temp, String reason, String query) {
        return "CREATE TEMP TABLE " + temp + "(x, CONSTRAINT " + Sql.id(reason) + " CHECK (0));\n"
                + "INSERT INTO temp." + temp + " " + query + " LIMIT 1;\n";
    }

    private static String text(String s) {
        return Sql.literal(Value.ofText(s));
    }
}
