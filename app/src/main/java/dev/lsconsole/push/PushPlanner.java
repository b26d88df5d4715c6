package dev.lsconsole.push;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.SchemaInfo;
import dev.lsconsole.diff.TableDiff;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns chosen differences of one or more tables into one push. Rows missing in live become
 * {@code INSERT OR IGNORE}; in upsert mode changed rows also get an {@code UPDATE} of the compared
 * columns. Columns live does not have are left out (reported), columns only live has keep their
 * defaults. Tables go parents first (live's foreign keys); child rows whose parent is neither in live
 * nor in the push are refused (or, with {@link Options#withParents}, their parents are added). Shadow
 * tables of virtual tables are never written; FTS and R-tree rows go through the virtual table.
 */
public final class PushPlanner {
    static final int BUSY_TIMEOUT_MS = PushScripts.BUSY_TIMEOUT_MS;

    /** withParents: add missing parent rows from the restored copy; allowFkCycles: push tables that refer to each other. */
    public record Options(boolean withParents, boolean allowFkCycles) {
        public static final Options NONE = new Options(false, false);
    }

    /** Plans a push of one table: rows with the given keys, or with {@code keys} null every differing row. */
    public PushPlan plan(DiffEngine diff, String table, PushMode mode, List<List<Value>> keys, String where) {
        return plan(diff, List.of(new PushRequest(table, keys)), mode, where, Options.NONE);
    }

    /** Plans one push across tables: one transaction, one preview, one undo script. */
    public PushPlan plan(DiffEngine diff, List<PushRequest> requests, PushMode mode, String where, Options options) {
        if (requests.isEmpty()) {
            throw new PushException("no table to push");
        }
        Map<String, Chosen> chosen = new LinkedHashMap<>();
        for (PushRequest r : requests) {
            String why = refusal(diff, r.table());
            if (why != null) {
                throw new PushException(why);
            }
            if (chosen.containsKey(r.table())) {
                throw new PushException("table " + r.table() + " is named twice");
            }
            chosen.put(r.table(), choose(diff, r, mode, where));
        }
        SchemaInfo live = diff.info("live");
        new ParentCheck(diff, live, chosen, options.withParents()).run();
        List<String> order = PushOrder.of(chosen.keySet(), live, options.allowFkCycles());
        List<String> warnings = new ArrayList<>();
        List<TableScript> parts = new ArrayList<>();
        List<SchemaInfo.Trigger> triggers = new ArrayList<>();
        for (String t : order) {
            Chosen c = chosen.get(t);
            drift(c.diff(), warnings);
            parts.add(TableScript.of(t, c.diff().key(), c.diff().commonColumns(), c.rows()));
            triggers.addAll(live.triggers(t));
        }
        PushChecks checks = new PushChecks(live, diff.tables("live"), order);
        warnings.addAll(checks.warnings);
        return PushScripts.compose(parts, mode, checks, warnings, triggers);
    }

    /**
     * Why rows cannot be pushed into {@code table} (one line naming what to push instead), or null. Shadow
     * tables, external-content and contentless FTS indexes and virtual tables of other modules are refused.
     */
    public static String refusal(DiffEngine diff, String table) {
        if (table.toLowerCase(java.util.Locale.ROOT).startsWith("sqlite_")) {
            return table + " is SQLite's own table (AUTOINCREMENT counters, statistics); SQLite keeps it itself, "
                    + "it is never pushed";
        }
        if (table.toLowerCase(java.util.Locale.ROOT).startsWith("_litestream_")) {
            return table + " is litestream's bookkeeping table; it is never pushed";
        }
        for (String side : List.of("live", "main")) {
            SchemaInfo info = diff.info(side);
            String owner = info.shadowOf(table);
            if (owner != null) {
                return table + " is a shadow table of the " + info.virtualTable(owner).module() + " table " + owner
                        + ": writing it directly corrupts the index; push " + owner + " instead";
            }
        }
        SchemaInfo.VirtualTable v = diff.info("live").virtualTable(table);
        if (v == null) {
            v = diff.info("main").virtualTable(table);
        }
        if (v == null) {
            return null;
        }
        if (!v.known()) {
            return table + " is a virtual table of module " + v.module() + "; only FTS3/4/5 and R-tree virtual "
                    + "tables are pushed (through the virtual table)";
        }
        if (v.isFts() && "".equals(v.contentTable())) {
            return table + " is a contentless " + v.module() + " index: it keeps no column values, so its rows "
                    + "cannot be read from the restored copy; push the table its text comes from and index those rows";
        }
        if (v.isFts() && v.contentTable() != null) {
            return table + " is an external-content " + v.module() + " index over " + v.contentTable() + "; push "
                    + v.contentTable() + " instead (the index is updated in the same transaction: by its live "
                    + "triggers, or rebuilt)";
        }
        return null;
    }

    static Chosen choose(DiffEngine diff, PushRequest req, PushMode mode, String where) {
        String table = req.table();
        TableDiff d = diff.compare(table, where);
        if (d.problem() != null) {
            throw new PushException(d.problem());
        }
        if (d.presence() != TableDiff.Presence.BOTH) {
            throw new PushException("table " + table + " does not exist in "
                    + (d.presence() == TableDiff.Presence.ONLY_LIVE ? "the restored copy" : "live")
                    + "; create it there first (pushes never change the schema)");
        }
        Set<List<Value>> wanted = req.keys() == null ? null : new HashSet<>(req.keys());
        List<RowDiff> rows = new ArrayList<>();
        diff.rows(table, RowDiff.Kind.MISSING_IN_LIVE, where, 0, -1, r -> {
            if (wanted == null || wanted.contains(r.key())) {
                rows.add(r);
            }
        });
        if (mode == PushMode.UPSERT) {
            diff.rows(table, RowDiff.Kind.CHANGED, where, 0, -1, r -> {
                if (wanted == null || wanted.contains(r.key())) {
                    rows.add(r);
                }
            });
        }
        if (wanted != null) {
            Set<List<Value>> found = new HashSet<>();
            rows.forEach(r -> found.add(r.key()));
            for (List<Value> k : req.keys()) {
                if (!found.contains(k)) {
                    throw new PushException(notPushable(diff, d, k, mode, where));
                }
            }
        }
        return new Chosen(d, rows);
    }

    /** Why a chosen key is not among the rows to push: not in the restored copy, or already in live. */
    private static String notPushable(DiffEngine diff, TableDiff d, List<Value> k, PushMode mode, String where) {
        String row = "row " + show(k) + " of " + d.table();
        if (k.size() != d.key().size() || !diff.exists("main", d.table(), d.key(), k)) {
            return row + " is not in the restored copy" + (where == null ? "" : " (or --where leaves it out)")
                    + ": nothing to push";
        }
        return row + " is already in live" + (mode == PushMode.UPSERT ? " as in the restored copy: nothing to push"
                : " (insert-missing never overwrites a row; --mode upsert restores a changed one)");
    }

    private static void drift(TableDiff d, List<String> warnings) {
        if (!d.onlyRestoredColumns().isEmpty()) {
            warnings.add("columns " + d.onlyRestoredColumns() + " of " + d.table()
                    + " do not exist in live and are not pushed");
        }
        if (!d.onlyLiveColumns().isEmpty()) {
            warnings.add("columns " + d.onlyLiveColumns() + " exist only in live; inserted rows get their defaults");
        }
    }

    static String show(List<Value> values) {
        return "[" + String.join(", ", values.stream().map(Sql::literal).toList()) + "]";
    }
}
