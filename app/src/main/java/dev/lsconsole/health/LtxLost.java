package dev.lsconsole.health;

import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.ltx.LtxPlanner;
import dev.lsconsole.replica.LtxFileInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The restore points of a v0.5 chain that a restore cannot reach because the files it plans to them (by
 * litestream's rules, as restore does) include one verify found faulty. A corrupt level-0 file whose TXIDs a
 * coarser file also holds leaves no hole in the chain, yet {@code restore -txid} to the points it ends and
 * to the ones built on it fails naming it: those states are not restorable. Worked out only when a file is
 * faulty, by planning each restore point from the listing in memory.
 */
final class LtxLost {
    /** Lost points from {@code from} to {@code to}; {@code file} is the faulty file the first one needs. */
    record Run(long from, long to, LtxFileInfo file) {
    }

    /** Each restore point checked, by TXID: the first faulty file its restore needs, or null when none. */
    private final TreeMap<Long, LtxFileInfo> points = new TreeMap<>(Long::compareUnsigned);

    private LtxLost() {
    }

    /** {@code steps}: the chain through the sound files (its points are checked too). */
    static LtxLost of(List<LtxFileInfo> all, List<LtxFileInfo> sound, List<LtxChain.Step> steps) {
        LtxLost lost = new LtxLost();
        Set<String> ok = new HashSet<>();
        sound.forEach(f -> ok.add(key(f)));
        if (ok.size() == all.size()) {
            return lost;
        }
        List<Long> txids = new ArrayList<>();
        LtxChain.of(all).steps().forEach(st -> txids.add(st.txid()));
        steps.forEach(st -> txids.add(st.txid()));
        long firstFaulty = -1L; // no plan to a TXID below every faulty file's last one can need one
        for (LtxFileInfo f : all) {
            if (!ok.contains(key(f)) && Long.compareUnsigned(f.maxTxid(), firstFaulty) < 0) {
                firstFaulty = f.maxTxid();
            }
        }
        LtxPlanner.Listing listing = new LtxPlanner.Listing(all);
        for (long txid : txids) {
            if (lost.points.containsKey(txid) || Long.compareUnsigned(txid, firstFaulty) < 0) {
                lost.points.putIfAbsent(txid, null);
                continue;
            }
            List<LtxFileInfo> plan = listing.filesTo(txid);
            if (plan != null) {
                lost.points.put(txid, plan.stream().filter(f -> !ok.contains(key(f))).findFirst().orElse(null));
            }
        }
        return lost;
    }

    boolean isLost(long txid) {
        return points.get(txid) != null;
    }

    boolean isEmpty() {
        return points.values().stream().allMatch(java.util.Objects::isNull);
    }

    /** The lost points right after {@code txid} up to the next restorable one (and {@code limit}); null: none. */
    Run after(long txid, long limit) {
        Run run = null;
        for (Map.Entry<Long, LtxFileInfo> e : points.subMap(txid, false, limit, true).entrySet()) {
            if (e.getValue() == null) {
                break;
            }
            run = new Run(run == null ? e.getKey() : run.from(), e.getKey(), run == null ? e.getValue() : run.file());
        }
        return run;
    }

    private static String key(LtxFileInfo f) {
        return f.level() + "/" + Long.toUnsignedString(f.minTxid(), 16) + "-" + Long.toUnsignedString(f.maxTxid(), 16);
    }
}
