package dev.lsconsole.ltx;

import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.RestoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the LTX files of a v0.5 restore with litestream v0.5.16's rules (CalcRestorePlan): the last
 * level-9 snapshot with max TXID at or below the target TXID and created strictly before the target time;
 * then, from its max TXID, the file of levels 8…0 that starts at or before the next TXID and reaches
 * furthest (ties: smaller min TXID, higher level, earlier creation), until the target. Listings are
 * streamed one level cursor at a time; with a timestamp, creation times are the accurate ones litestream
 * uses (S3 metadata), read a page at a time. One difference, noted in the plan and the README: litestream
 * checks for a hole in the chain only for a "latest" restore; to a timestamp past a hole it stops at the hole
 * silently (the later transactions are dropped and it exits 0), to a TXID past it it answers "no matching
 * backup files available" without naming the hole. Here a hole before the target is an error naming the
 * files on both sides, whatever the target (LtxFaultsTest).
 */
public final class LtxPlanner {
    private static final int BATCH = 200;

    /** Plans a restore to {@code txid} (0: no TXID target) or to {@code timestamp} (null: none). */
    public LtxPlan plan(Replica replica, long txid, Instant timestamp) {
        return plan(replica, replica.client().ltxLevels(), txid, timestamp);
    }

    /**
     * As {@link #plan(Replica, long, Instant)}, reading only the replica's {@code levels} (as listed by
     * {@code ltxLevels}): litestream lists every level 0-8, which on S3 is a LIST each even when a level is empty.
     */
    public LtxPlan plan(Replica replica, List<Integer> levels, long txid, Instant timestamp) {
        if (txid != 0 && timestamp != null) {
            throw new RestoreException("cannot specify both TXID & timestamp to restore");
        }
        List<LtxFileInfo> plan = new ArrayList<>();
        LtxFileInfo snapshot = levels.contains(LtxNames.SNAPSHOT_LEVEL) ? chooseSnapshot(replica, txid, timestamp) : null;
        if (snapshot != null) {
            plan.add(snapshot);
        }
        long current = snapshot == null ? 0 : snapshot.maxTxid();
        List<String> notes = new ArrayList<>();
        long[] reach = {current};
        LtxFileInfo[] endsAtSnapshot = new LtxFileInfo[1];
        current = extend(replica, levels, txid, timestamp, plan, current, notes, reach, endsAtSnapshot);
        String where = replica.client().location();
        if (plan.isEmpty()) {
            LtxFileInfo oldest = timestamp == null ? oldest(replica) : null;
            if (oldest != null) {
                throw new RestoreException("transaction not available in " + where + ": no snapshot to start from (no "
                        + "level-9 file" + (txid != 0 ? " up to TXID " + LtxNames.txid(txid) : "") + " and no file "
                        + "starting at TXID 1); the oldest LTX file is " + replica.client().ltxLocation(oldest));
            }
            throw new RestoreException("transaction not available in " + where
                    + (timestamp != null ? ": no LTX file created before " + timestamp
                    : txid != 0 ? ": no LTX file chain reaches TXID " + LtxNames.txid(txid) : ": no LTX files"));
        }
        if (txid != 0 && Long.compareUnsigned(current, txid) < 0) {
            if (Long.compareUnsigned(reach[0], txid) < 0) {
                throw new RestoreException("transaction not available in " + where + ": TXID " + LtxNames.txid(txid)
                        + " is after the last TXID replicated (" + LtxNames.txid(reach[0]) + ")");
            }
            throw new RestoreException("transaction not available in " + where + ": TXID " + LtxNames.txid(txid)
                    + " is not a restore point (the LTX files that hold it also hold later transactions: restore "
                    + "points thin out with age); the nearest earlier one is TXID " + LtxNames.txid(current));
        }
        return new LtxPlan(replica, plan, txid, timestamp, moment(replica, plan, endsAtSnapshot[0], timestamp), notes);
    }

    /**
     * A listing held in memory, indexed to plan many restores from it by the same rules as {@link #plan}
     * (verify asks this of each restore point): per level, files by min TXID with the running highest max
     * TXID, so the files that extend a state are found by a binary search and a short walk back.
     */
    public static final class Listing {
        private final List<LtxFileInfo> snapshots = new ArrayList<>();
        private final List<LtxFileInfo[]> levels = new ArrayList<>();
        private final List<long[]> reach = new ArrayList<>();

        public Listing(List<LtxFileInfo> files) {
            java.util.Map<Integer, List<LtxFileInfo>> byLevel = new java.util.TreeMap<>();
            for (LtxFileInfo f : files) {
                (f.level() == LtxNames.SNAPSHOT_LEVEL ? snapshots : byLevel.computeIfAbsent(f.level(),
                        l -> new ArrayList<>())).add(f);
            }
            snapshots.sort(LtxFileInfo.ORDER);
            for (List<LtxFileInfo> level : byLevel.values()) {
                LtxFileInfo[] sorted = level.toArray(LtxFileInfo[]::new);
                java.util.Arrays.sort(sorted, LtxFileInfo.ORDER);
                long[] highest = new long[sorted.length];
                for (int i = 0; i < sorted.length; i++) {
                    long before = i == 0 ? 0 : highest[i - 1];
                    highest[i] = Long.compareUnsigned(sorted[i].maxTxid(), before) > 0 ? sorted[i].maxTxid() : before;
                }
                levels.add(sorted);
                reach.add(highest);
            }
        }

        /**
         * The files a restore to {@code txid} applies: the last level-9 snapshot up to the TXID, then the file
         * of levels 8…0 that extends the state and reaches furthest. Null when they do not reach the TXID.
         */
        public List<LtxFileInfo> filesTo(long txid) {
            List<LtxFileInfo> plan = new ArrayList<>();
            long current = 0;
            for (LtxFileInfo f : snapshots) {
                if (Long.compareUnsigned(f.maxTxid(), txid) <= 0) {
                    current = f.maxTxid();
                    plan.clear();
                    plan.add(f);
                }
            }
            while (Long.compareUnsigned(current, txid) < 0) {
                LtxFileInfo next = null;
                for (int l = 0; l < levels.size(); l++) {
                    next = bestIn(levels.get(l), reach.get(l), current, txid, next);
                }
                if (next == null) {
                    return null;
                }
                plan.add(next);
                current = next.maxTxid();
            }
            return plan.isEmpty() ? null : plan;
        }

        /** The better of {@code best} and this level's files that start by current+1 and end in (current, txid]. */
        private static LtxFileInfo bestIn(LtxFileInfo[] files, long[] highest, long current, long txid,
                                          LtxFileInfo best) {
            int lo = 0;
            int hi = files.length; // files[0..lo) start at or before current+1
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(files[mid].minTxid(), current + 1) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int i = lo - 1; i >= 0 && Long.compareUnsigned(highest[i], current) > 0; i--) {
                LtxFileInfo f = files[i];
                if (Long.compareUnsigned(f.maxTxid(), current) > 0 && Long.compareUnsigned(f.maxTxid(), txid) <= 0
                        && (best == null || better(best, f))) {
                    best = f;
                }
            }
            return best;
        }
    }

    /**
     * The moment the restored state is from: the timestamp of the last file applied, which litestream stamps
     * with its last transaction's time; but a level-9 snapshot is stamped when it was taken (later, hours
     * later on an idle database), so when the plan ends with one, the time of a file of levels 0–8 ending at
     * the same TXID is used when one is listed. Without a timestamp target the listing has S3 upload times:
     * that one file's accurate time is read (one metadata request).
     */
    private static Instant moment(Replica replica, List<LtxFileInfo> plan, LtxFileInfo endsAtSnapshot,
                                  Instant timestamp) {
        LtxFileInfo last = plan.get(plan.size() - 1);
        LtxFileInfo f = last.level() == LtxNames.SNAPSHOT_LEVEL && endsAtSnapshot != null ? endsAtSnapshot : last;
        Instant t = timestamp != null ? f.createdAt() : replica.client().accurateTimes(List.of(f)).get(0).createdAt();
        return f == last ? t : earlier(t, last.createdAt());
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The file with the lowest min TXID of any level (each level's listing is in TXID order); null: none. */
    private static LtxFileInfo oldest(Replica replica) {
        LtxFileInfo best = null;
        for (int level : replica.client().ltxLevels()) {
            try (ObjectIterator<LtxFileInfo> it = replica.client().ltxFiles(level)) {
                if (it.hasNext()) {
                    LtxFileInfo f = it.next();
                    best = best == null || Long.compareUnsigned(f.minTxid(), best.minTxid()) < 0 ? f : best;
                }
            }
        }
        return best;
    }

    private LtxFileInfo chooseSnapshot(Replica replica, long txid, Instant timestamp) {
        LtxFileInfo best = null;
        try (Cursor c = new Cursor(replica, LtxNames.SNAPSHOT_LEVEL, timestamp != null)) {
            for (LtxFileInfo f = c.take(); f != null; f = c.take()) {
                if (txid != 0 && Long.compareUnsigned(f.maxTxid(), txid) > 0) {
                    continue;
                }
                if (timestamp != null && !f.createdAt().isBefore(timestamp)) {
                    continue;
                }
                best = f;
            }
        }
        return best;
    }

    /**
     * Extends the plan across levels 8…0 as litestream does (nothing when the snapshot is at the TXID target);
     * returns the TXID reached. When the plan ends with its snapshot, {@code endsAtSnapshot[0]} is a file of
     * levels 0–8 that ends at the snapshot's TXID (null when none is listed).
     */
    private long extend(Replica replica, List<Integer> levels, long txid, Instant timestamp, List<LtxFileInfo> plan,
                        long current, List<String> notes, long[] reach, LtxFileInfo[] endsAtSnapshot) {
        List<Cursor> cursors = new ArrayList<>();
        long start = current;
        try {
            for (int level = LtxNames.SNAPSHOT_LEVEL - 1; level >= 0; level--) {
                if (levels.contains(level)) {
                    cursors.add(new Cursor(replica, level, timestamp != null));
                }
            }
            while (true) {
                Cursor next = null;
                for (Cursor c : cursors) {
                    c.refresh(current, txid, timestamp);
                    if (c.candidate != null && (next == null || better(next.candidate, c.candidate))) {
                        next = c;
                    }
                }
                if (next == null) {
                    break;
                }
                plan.add(next.candidate);
                current = next.candidate.maxTxid();
                next.candidate = null;
                if (txid != 0 && Long.compareUnsigned(current, txid) >= 0) {
                    break;
                }
            }
            checkNoHole(replica, cursors, current, txid, timestamp, plan);
            Instant newest = null;
            boolean allSeen = true;
            for (Cursor c : cursors) {
                if (current == start && c.endsAtStart != null && endsAtSnapshot[0] == null) {
                    endsAtSnapshot[0] = c.endsAtStart;
                }
                reach[0] = Long.compareUnsigned(c.reach, reach[0]) > 0 ? c.reach : reach[0];
                newest = c.newest != null && (newest == null || c.newest.isAfter(newest)) ? c.newest : newest;
                allSeen &= c.peek() == null;
            }
            if (timestamp != null && allSeen && !plan.isEmpty() && newest != null && timestamp.isAfter(newest)) {
                notes.add("timestamp " + timestamp + " is after the last restore point (" + newest + "): restoring "
                        + "the latest state, as litestream v0.5.16 does for a database named from its config (for a "
                        + "replica URL it answers \"timestamp does not exist\")");
            }
            return current;
        } finally {
            cursors.forEach(Cursor::close);
        }
    }

    /**
     * After the chain ends: when no file of any level holds the next TXID, and a file that would be wanted
     * (before the target) starts past it, the chain has a hole. Litestream says "non-contiguous ltx files" only
     * for a "latest" restore; a timestamp restore would silently stop here, a TXID one say "not available".
     */
    private static void checkNoHole(Replica replica, List<Cursor> cursors, long current, long txid, Instant timestamp,
                                    List<LtxFileInfo> plan) {
        if (plan.isEmpty()) {
            return;
        }
        for (Cursor c : cursors) {
            if (Long.compareUnsigned(c.reach, current) > 0) {
                return; // the next TXID exists (in a file after the target): not a hole, just not restorable yet
            }
        }
        for (Cursor c : cursors) {
            LtxFileInfo f = c.peek();
            if (f == null || Long.compareUnsigned(f.minTxid(), current + 1) <= 0) {
                continue;
            }
            boolean wanted = (txid == 0 || Long.compareUnsigned(f.minTxid(), txid) <= 0)
                    && (timestamp == null || f.createdAt().isBefore(timestamp));
            if (wanted) {
                throw new RestoreException("non-contiguous ltx files in " + replica.client().location() + ": have up to TXID "
                        + LtxNames.txid(current) + " (" + replica.client().ltxLocation(plan.get(plan.size() - 1))
                        + ") but the next file starts at " + LtxNames.txid(f.minTxid()) + " ("
                        + replica.client().ltxLocation(f) + ")");
            }
        }
    }

    /** litestream's restoreCandidateBetter: is {@code next} a better extension than {@code curr}? */
    static boolean better(LtxFileInfo curr, LtxFileInfo next) {
        if (next.maxTxid() != curr.maxTxid()) {
            return Long.compareUnsigned(next.maxTxid(), curr.maxTxid()) > 0;
        }
        if (next.minTxid() != curr.minTxid()) {
            return Long.compareUnsigned(next.minTxid(), curr.minTxid()) < 0;
        }
        if (next.level() != curr.level()) {
            return next.level() > curr.level();
        }
        return next.createdAt().isBefore(curr.createdAt());
    }

    /**
     * One level's files in TXID order, read lazily; with {@code accurate} their creation times are fetched
     * (S3 metadata) a batch at a time. Keeps the best candidate seen that extends the current TXID.
     */
    private static final class Cursor implements AutoCloseable {
        private final Replica replica;
        private final ObjectIterator<LtxFileInfo> it;
        private final boolean accurate;
        private final java.util.ArrayDeque<LtxFileInfo> batch = new java.util.ArrayDeque<>();
        LtxFileInfo candidate;
        /** The highest TXID and the newest creation time of any file this level offered, wanted or not. */
        long reach;
        Instant newest;
        /** The first file seen that ends at the TXID the cursor was first refreshed at (the snapshot's). */
        LtxFileInfo endsAtStart;
        private Long start;

        Cursor(Replica replica, int level, boolean accurate) {
            this.replica = replica;
            this.it = replica.client().ltxFiles(level);
            this.accurate = accurate;
        }

        LtxFileInfo peek() {
            if (batch.isEmpty()) {
                List<LtxFileInfo> raw = new ArrayList<>();
                while (raw.size() < BATCH && it.hasNext()) {
                    raw.add(it.next());
                }
                batch.addAll(accurate ? replica.client().accurateTimes(raw) : raw);
            }
            return batch.peekFirst();
        }

        LtxFileInfo take() {
            LtxFileInfo f = peek();
            if (f != null) {
                batch.pollFirst();
            }
            return f;
        }

        void refresh(long current, long txid, Instant timestamp) {
            start = start == null ? current : start;
            if (candidate != null && Long.compareUnsigned(candidate.maxTxid(), current) <= 0) {
                candidate = null;
            }
            for (LtxFileInfo f = peek(); f != null && Long.compareUnsigned(f.minTxid(), current + 1) <= 0; f = peek()) {
                take();
                if (Long.compareUnsigned(f.maxTxid(), reach) > 0) {
                    reach = f.maxTxid();
                }
                newest = newest == null || f.createdAt().isAfter(newest) ? f.createdAt() : newest;
                if (endsAtStart == null && f.maxTxid() == start) {
                    endsAtStart = f;
                }
                if (Long.compareUnsigned(f.maxTxid(), current) <= 0) {
                    continue;
                }
                if (txid != 0 && Long.compareUnsigned(f.maxTxid(), txid) > 0) {
                    continue;
                }
                if (timestamp != null && !f.createdAt().isBefore(timestamp)) {
                    continue;
                }
                if (candidate == null || better(candidate, f)) {
                    candidate = f;
                }
            }
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
