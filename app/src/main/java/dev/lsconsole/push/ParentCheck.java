package dev.lsconsole.push;

import dev.lsconsole.diff.DiffEngine;
import dev.lsconsole.diff.RowDiff;
import dev.lsconsole.diff.SchemaInfo;
import dev.lsconsole.sql.Sql;
import dev.lsconsole.sql.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every pushed row's parents (live's foreign keys, NULL references aside) must be in live or in the
 * push. With {@code withParents} a missing parent row is taken from the restored copy (and its own
 * parents in turn); otherwise the push is refused naming the row, the parent table and its key. Each
 * distinct reference is looked up in live once; pushed parents are indexed, not scanned.
 */
final class ParentCheck {
    private final DiffEngine diff;
    private final SchemaInfo live;
    private final Map<String, Chosen> chosen;
    private final boolean withParents;
    private final List<String> liveTables;
    private final Map<String, Set<List<Value>>> inLive = new HashMap<>();
    private final Map<String, Set<List<Value>>> pushed = new HashMap<>();

    ParentCheck(DiffEngine diff, SchemaInfo live, Map<String, Chosen> chosen, boolean withParents) {
        this.diff = diff;
        this.live = live;
        this.chosen = chosen;
        this.withParents = withParents;
        this.liveTables = diff.tables("live");
    }

    void run() {
        boolean added = true;
        while (added) { // ends: each round adds rows missing in live that were not in the push yet
            added = false;
            for (String t : List.copyOf(chosen.keySet())) {
                Chosen c = chosen.get(t);
                for (SchemaInfo.ForeignKey fk : live.foreignKeys(t)) {
                    if (!c.columns().containsAll(fk.from()) || !liveTables.contains(fk.parent())) {
                        continue; // not pushed (live-only columns keep their defaults) or no parent table
                    }
                    for (RowDiff r : List.copyOf(c.rows())) {
                        added |= check(t, c, fk, r);
                    }
                }
            }
        }
    }

    /** True when a parent row was added. */
    private boolean check(String t, Chosen c, SchemaInfo.ForeignKey fk, RowDiff r) {
        List<Value> vals = c.pick(r, fk.from());
        String where = fk.parent() + "\0" + fk.to();
        if (vals.contains(Value.NULL) || inLive.computeIfAbsent(where, k -> new HashSet<>()).contains(vals)
                || pushedIndex(fk).contains(vals)) {
            return false;
        }
        if (diff.exists("live", fk.parent(), fk.to(), vals)) {
            inLive.get(where).add(vals);
            return false;
        }
        String ref = "row " + PushPlanner.show(r.key()) + " of " + t + " refers to " + fk.parent() + "("
                + String.join(", ", fk.to()) + ") = " + (vals.size() == 1 ? Sql.literal(vals.get(0))
                : PushPlanner.show(vals)) + ", which is missing in live";
        if (!withParents) {
            throw new PushException(ref + " and not pushed; add --table " + fk.parent() + " (its rows are written "
                    + "first), or --with-parents to push just the parent rows from the restored copy");
        }
        addParent(fk, vals, ref);
        return true;
    }

    private Set<List<Value>> pushedIndex(SchemaInfo.ForeignKey fk) {
        return pushed.computeIfAbsent(fk.parent() + "\0" + fk.to(), k -> {
            Set<List<Value>> out = new HashSet<>();
            Chosen p = chosen.get(fk.parent());
            if (p != null && p.columns().containsAll(fk.to())) {
                p.rows().forEach(r -> out.add(p.pick(r, fk.to())));
            }
            return out;
        });
    }

    private void addParent(SchemaInfo.ForeignKey fk, List<Value> vals, String ref) {
        String why = PushPlanner.refusal(diff, fk.parent());
        if (why != null) {
            throw new PushException(ref + "; its parent table cannot be pushed: " + why);
        }
        Chosen p = chosen.get(fk.parent());
        if (p == null) {
            p = PushPlanner.choose(diff, new PushRequest(fk.parent(), List.of()), PushMode.INSERT_MISSING, null);
            chosen.put(fk.parent(), p);
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < fk.to().size(); i++) {
            String col = fk.to().get(i).equals("rowid") ? "rowid" : Sql.id(fk.to().get(i));
            terms.add(col + " = " + Sql.literal(vals.get(i)));
        }
        List<RowDiff> found = new ArrayList<>();
        diff.rows(fk.parent(), RowDiff.Kind.MISSING_IN_LIVE, String.join(" AND ", terms), 0, 1, found::add);
        if (found.isEmpty()) {
            throw new PushException(ref + " and in the restored copy; nothing to push it from");
        }
        p.rows().add(found.get(0));
        pushed.clear(); // the index of pushed parents is stale now
    }
}
