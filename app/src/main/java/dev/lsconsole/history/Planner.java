package dev.lsconsole.history;

import dev.lsconsole.ltx.LtxPlan;
import dev.lsconsole.ltx.LtxPlanner;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestorePlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a restore whichever format the replica holds. A v0.3-only replica is planned by
 * {@link RestorePlanner} exactly as before; a v0.5 one by {@link LtxPlanner}. A prefix holding both (the
 * upgrade path) is decided as litestream v0.5.16 decides it (shouldUseV3Restore): without a timestamp the
 * format with the most recent backup, with one the format whose latest snapshot before it is newer — except
 * where that would restore the v0.3 generation although the LTX chain reaches later (see newerLtxPlan).
 * A TXID target is v0.5 only; a generation or WAL index target v0.3 only.
 */
public final class Planner {
    private final RestorePlanner v03 = new RestorePlanner();
    private final LtxPlanner v05 = new LtxPlanner();

    /** Null when nothing matches (litestream's "no matching backups found"). */
    public Plan plan(List<Replica> replicas, RestoreOptions opt, long txid) {
        boolean v03Only = opt.generation() != null && !opt.generation().isEmpty() || opt.index() != null;
        if (txid != 0 && v03Only) {
            throw new RestoreException("cannot specify -txid with -generation or -index: a TXID names a v0.5 "
                    + "transaction, a generation and index a v0.3 position");
        }
        Map<Replica, List<Integer>> ltx = new LinkedHashMap<>(); // each replica's LTX levels, listed once
        for (Replica r : replicas) {
            List<Integer> levels = named(r, opt) && !v03Only ? r.client().ltxLevels() : List.of();
            if (!levels.isEmpty()) {
                ltx.put(r, levels);
            }
        }
        if (ltx.isEmpty()) {
            if (txid != 0) {
                throw new RestoreException("-txid needs a litestream v0.5 replica; " + where(replicas, opt)
                        + " holds no LTX files (use -timestamp, or -generation with -index, for v0.3)");
            }
            RestorePlanner.Target t = v03.chooseTarget(replicas, opt);
            if (t == null && v03Only) {
                refuseLtxOnly(replicas, opt);
            }
            return t == null ? null : v03.plan(t, opt);
        }
        Plan best = null;
        RestoreException first = null;
        for (Map.Entry<Replica, List<Integer>> entry : ltx.entrySet()) {
            Replica r = entry.getKey();
            try {
                Plan p = txid != 0 ? v05.plan(r, entry.getValue(), txid, null) : choose(r, entry.getValue(), opt);
                if (p != null && (best == null || p.restoresTo().isAfter(best.restoresTo()))) {
                    best = p;
                }
            } catch (RestoreException e) {
                first = first == null ? e : first;
            }
        }
        if (best == null && first != null) {
            throw first;
        }
        return best;
    }

    /**
     * -index without -generation: litestream v0.3.13's refusal, "must specify generation when restoring to index"
     * (its command line restores the latest generation up to the index instead; see the README) — unless the
     * replica holds only LTX files, where -index names nothing: then the same line as for -generation.
     */
    public static RestoreException indexWithoutGeneration(List<Replica> replicas, String replicaName) {
        refuseLtxOnly(replicas, new RestoreOptions(replicaName, null, null, null));
        return new RestoreException("must specify generation when restoring to index");
    }

    /** -generation/-index found nothing: when the replica holds only LTX files, say so and what to use. */
    private static void refuseLtxOnly(List<Replica> replicas, RestoreOptions opt) {
        for (Replica r : replicas) {
            if (named(r, opt) && !r.client().ltxLevels().isEmpty() && r.client().generations().isEmpty()) {
                throw new RestoreException(r.client().location() + " holds litestream v0.5 LTX files, not v0.3 "
                        + "generations: -generation and -index name v0.3 positions; restore with -txid or -timestamp "
                        + "(`ltx -level all` lists the TXIDs)");
            }
        }
    }

    private static boolean named(Replica r, RestoreOptions opt) {
        return opt.replicaName() == null || opt.replicaName().isEmpty() || r.name().equals(opt.replicaName());
    }

    private static String where(List<Replica> replicas, RestoreOptions opt) {
        return replicas.stream().filter(r -> named(r, opt)).map(r -> r.client().location()).findFirst()
                .orElse("the replica");
    }

    /** One replica with LTX files: v0.5, or its v0.3 generations when litestream v0.5.16 would pick them. */
    private Plan choose(Replica r, List<Integer> levels, RestoreOptions opt) {
        List<String> generations = r.client().generations();
        if (!generations.isEmpty() && preferV03(r, levels, generations, opt.timestamp())) {
            RestorePlanner.Target t = v03.chooseTarget(List.of(r), opt);
            if (t != null) {
                RestorePlan p = v03.plan(t, opt);
                LtxPlan newer = opt.timestamp() == null ? null : newerLtxPlan(r, levels, opt.timestamp(), p);
                if (newer != null) {
                    return newer;
                }
                List<String> notes = new ArrayList<>(p.notes());
                notes.add("this path holds v0.3 generations and v0.5 LTX files; the v0.3 " + p.historyLabel()
                        + " is used, as litestream v0.5.16 would choose it");
                return new RestorePlan(p.replica(), p.generation(), p.snapshot(), p.segments(), p.requested(), notes);
            }
        }
        try {
            return v05.plan(r, levels, 0, opt.timestamp());
        } catch (RestoreException e) {
            if (!generations.isEmpty() && opt.timestamp() != null && v03.chooseTarget(List.of(r), opt) == null) {
                throw new RestoreException("no backup in " + r.client().location() + " before " + opt.timestamp()
                        + ": neither a v0.3 snapshot nor a v0.5 LTX file was created before it", e);
            }
            throw e;
        }
    }

    /**
     * The documented difference: litestream v0.5.16 restores the v0.3 generation for a timestamp when no level-9
     * snapshot precedes it, even when the LTX chain (from its first file, a full database) reaches later than the
     * generation's last point before that time — silently dropping the v0.5 transactions in between. Here the
     * LTX plan wins when it restores to a later moment; null when it does not or cannot be made.
     */
    private LtxPlan newerLtxPlan(Replica r, List<Integer> levels, Instant timestamp, RestorePlan v3) {
        LtxPlan p;
        try {
            p = v05.plan(r, levels, 0, timestamp);
        } catch (RestoreException noLtxPlan) {
            return null;
        }
        if (!p.restoresTo().isAfter(v3.restoresTo())) {
            return null;
        }
        List<String> notes = new ArrayList<>(p.notes());
        notes.add("restoring the v0.5 LTX chain to TXID " + LtxNames.txid(p.maxTxid()) + " (" + p.restoresTo()
                + "); litestream v0.5.16 would restore the older v0.3 " + v3.historyLabel() + " (to " + v3.restoresTo()
                + ") because no v0.5 snapshot precedes the timestamp");
        return new LtxPlan(p.replica(), p.files(), p.targetTxid(), p.requested(), p.restoresTo(), notes);
    }

    private boolean preferV03(Replica r, List<Integer> levels, List<String> generations, Instant timestamp) {
        if (timestamp == null) {
            Instant v3 = null;
            for (String g : generations) {
                Instant u = v03.bounds(r, g).updatedAt();
                v3 = u != null && (v3 == null || u.isAfter(v3)) ? u : v3;
            }
            Instant v5 = ltxUpdatedAt(r, levels);
            return v3 != null && (v5 == null || v3.isAfter(v5));
        }
        Instant v3Snap = null;
        for (String g : generations) {
            try (ObjectIterator<SnapshotInfo> it = r.client().snapshots(g)) {
                while (it.hasNext()) {
                    Instant c = it.next().createdAt();
                    if (!c.isAfter(timestamp) && (v3Snap == null || c.isAfter(v3Snap))) { // at or before, as v0.5.16
                        v3Snap = c;
                    }
                }
            }
        }
        Instant v5Snap = null;
        try (ObjectIterator<LtxFileInfo> it = r.client().ltxFiles(LtxNames.SNAPSHOT_LEVEL)) {
            List<LtxFileInfo> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            for (LtxFileInfo f : r.client().accurateTimes(all)) {
                if (f.createdAt().isBefore(timestamp) && (v5Snap == null || f.createdAt().isAfter(v5Snap))) {
                    v5Snap = f.createdAt();
                }
            }
        }
        return v3Snap != null && (v5Snap == null || v3Snap.isAfter(v5Snap));
    }

    /** The newest creation time of any LTX file of these levels (litestream's TimeBounds over every level). */
    static Instant ltxUpdatedAt(Replica r, List<Integer> levels) {
        Instant max = null;
        for (int level : levels) {
            try (ObjectIterator<LtxFileInfo> it = r.client().ltxFiles(level)) {
                while (it.hasNext()) {
                    Instant c = it.next().createdAt();
                    max = max == null || c.isAfter(max) ? c : max;
                }
            }
        }
        return max;
    }
}
