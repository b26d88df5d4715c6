package dev.lsconsole.restore;

import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses what to restore with litestream v0.3.13's rules (CalcRestoreTarget, SnapshotIndexAt,
 * walSegmentMap), except where that version is wrong; each difference is noted in the plan and the README:
 * <ul>
 * <li>a timestamp after a generation's last restore point restores that generation's end state
 *     (litestream says "no matching backups found", its issue #564);</li>
 * <li>{@code -index} beyond the generation's highest index is an error, not a silent restore of less;</li>
 * <li>WAL indexes older than the chosen snapshot are not checked (they are not used; litestream fails on
 *     them, e.g. "missing initial wal segment" after retention, its issue #805);</li>
 * <li>a gap between segments is an error naming the segment (litestream applies a corrupt WAL and
 *     reports "database disk image malformed").</li>
 * </ul>
 */
public final class RestorePlanner {

    /**
     * The generation chosen, on which replica, and why; with its listing, which the plan reuses instead
     * of listing the generation a second time (only the best candidate's listing is kept).
     */
    public record Target(Replica replica, GenerationBounds bounds, String note, Listing listing) {
    }

    /** One generation's snapshots and WAL segments, in replica order. */
    public record Listing(List<SnapshotInfo> snapshots, List<WalSegmentInfo> segments) {
    }

    /** Lists a generation once, giving both its bounds and its objects. */
    public Listing list(Replica replica, String generation) {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        List<WalSegmentInfo> segments = new ArrayList<>();
        try (ObjectIterator<SnapshotInfo> it = replica.client().snapshots(generation)) {
            it.forEachRemaining(snapshots::add);
        }
        try (ObjectIterator<WalSegmentInfo> it = replica.client().walSegments(generation)) {
            it.forEachRemaining(segments::add);
        }
        return new Listing(snapshots, segments);
    }

    public static GenerationBounds bounds(String generation, Listing l) {
        Tally t = new Tally();
        l.snapshots().forEach(x -> t.snapshot(x.createdAt(), x.size()));
        l.segments().forEach(x -> t.segment(x.createdAt(), x.size()));
        return t.bounds(generation);
    }

    /** A generation's bounds, streaming its listing (nothing kept). */
    public GenerationBounds bounds(Replica replica, String generation) {
        Tally t = new Tally();
        try (ObjectIterator<SnapshotInfo> it = replica.client().snapshots(generation)) {
            it.forEachRemaining(x -> t.snapshot(x.createdAt(), x.size()));
        }
        try (ObjectIterator<WalSegmentInfo> it = replica.client().walSegments(generation)) {
            it.forEachRemaining(x -> t.segment(x.createdAt(), x.size()));
        }
        return t.bounds(generation);
    }

    /** Accumulates a generation's time range, counts and bytes, one object at a time. */
    private static final class Tally {
        private Instant min;
        private Instant max;
        private int snapshots;
        private long segments;
        private long bytes;

        void snapshot(Instant created, long size) {
            snapshots++;
            add(created, size);
        }

        void segment(Instant created, long size) {
            segments++;
            add(created, size);
        }

        private void add(Instant created, long size) {
            min = min == null || created.isBefore(min) ? created : min;
            max = max == null || created.isAfter(max) ? created : max;
            bytes += size;
        }

        GenerationBounds bounds(String generation) {
            return new GenerationBounds(generation, min, max, snapshots, segments, bytes);
        }
    }

    /**
     * Picks the replica and generation: among generations whose range contains the timestamp (or all,
     * without one), the one updated last; with a timestamp after every range that contains none, the
     * generation that ended last before it. Null when nothing matches.
     */
    public Target chooseTarget(List<Replica> replicas, RestoreOptions opt) {
        Target containing = null;
        Target endedBefore = null;
        for (Replica r : replicas) {
            if (opt.replicaName() != null && !opt.replicaName().isEmpty() && !r.name().equals(opt.replicaName())) {
                continue;
            }
            for (String g : r.client().generations()) {
                if (opt.generation() != null && !opt.generation().isEmpty() && !g.equals(opt.generation())) {
                    continue;
                }
                Listing l = list(r, g);
                GenerationBounds b = bounds(g, l);
                if (b.isEmpty()) {
                    continue;
                }
                Instant t = opt.timestamp();
                if (t == null || b.contains(t)) {
                    if (containing == null || b.updatedAt().isAfter(containing.bounds().updatedAt())) {
                        containing = new Target(r, b, null, l);
                    }
                } else if (b.updatedAt().isBefore(t)) {
                    if (endedBefore == null || b.updatedAt().isAfter(endedBefore.bounds().updatedAt())) {
                        endedBefore = new Target(r, b, "timestamp " + t + " is after the last restore point of "
                                + "generation " + g + " (" + b.updatedAt() + "): restoring its end state "
                                + "(litestream 0.3.13 would answer \"no matching backups found\")", l);
                    }
                }
            }
        }
        return containing != null ? containing : endedBefore;
    }

    /** Plans the restore of a chosen target, from the listing made while choosing it. */
    public RestorePlan plan(Target target, RestoreOptions opt) {
        return plan(target.replica(), target.bounds().generation(), opt, target.note(),
                ObjectIterator.of(target.listing().snapshots()), ObjectIterator.of(target.listing().segments()));
    }

    /** Plans a restore of one generation, listing it. */
    public RestorePlan plan(Replica replica, String generation, RestoreOptions opt, String targetNote) {
        return plan(replica, generation, opt, targetNote, replica.client().snapshots(generation),
                replica.client().walSegments(generation));
    }

    private RestorePlan plan(Replica replica, String generation, RestoreOptions opt, String targetNote,
                             ObjectIterator<SnapshotInfo> snapshotList, ObjectIterator<WalSegmentInfo> walList) {
        List<String> notes = new ArrayList<>();
        if (targetNote != null) {
            notes.add(targetNote);
        }
        SnapshotInfo snapshot = chooseSnapshot(replica, generation, opt, snapshotList);
        List<WalSegmentInfo> segments = new ArrayList<>();
        int highestSeen = snapshot.index();
        try (ObjectIterator<WalSegmentInfo> it = walList) {
            while (it.hasNext()) {
                WalSegmentInfo s = it.next();
                highestSeen = Math.max(highestSeen, s.index());
                if (opt.timestamp() != null && s.createdAt().isAfter(opt.timestamp())) {
                    break;
                }
                if (opt.index() != null && s.index() > opt.index()) {
                    break;
                }
                if (s.index() < snapshot.index()) {
                    continue;
                }
                WalSegmentInfo prev = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                if (prev == null || prev.index() != s.index()) {
                    int expected = prev == null ? snapshot.index() : prev.index() + 1;
                    if (s.index() != expected) {
                        throw new RestoreException("missing WAL index " + Layout.hex8(expected) + " in generation "
                                + generation + " of " + replica.client().location() + ": next segment is "
                                + replica.client().walSegmentLocation(s.pos()));
                    }
                    if (s.offset() != 0) {
                        throw new RestoreException("missing initial WAL segment of index " + Layout.hex8(s.index())
                                + " in generation " + generation + ": first segment is "
                                + replica.client().walSegmentLocation(s.pos()));
                    }
                }
                segments.add(s);
            }
        }
        if (opt.index() != null && opt.index() > highestSeen) {
            throw new RestoreException("WAL index " + Layout.hex8(opt.index()) + " not found in generation "
                    + generation + " of " + replica.client().location() + " (highest is " + Layout.hex8(highestSeen)
                    + ")");
        }
        return new RestorePlan(replica, generation, snapshot, segments, opt.timestamp(), notes);
    }

    private static SnapshotInfo chooseSnapshot(Replica replica, String generation, RestoreOptions opt,
                                               ObjectIterator<SnapshotInfo> list) {
        SnapshotInfo best = null;
        SnapshotInfo first = null;
        try (ObjectIterator<SnapshotInfo> it = list) {
            while (it.hasNext()) {
                SnapshotInfo s = it.next();
                if (first == null || s.createdAt().isBefore(first.createdAt())) {
                    first = s;
                }
                if (opt.index() != null) {
                    if (s.index() <= opt.index() && (best == null || s.index() >= best.index())) {
                        best = s;
                    }
                } else if (opt.timestamp() == null || !s.createdAt().isAfter(opt.timestamp())) {
                    if (best == null || s.createdAt().isAfter(best.createdAt())) {
                        best = s;
                    }
                }
            }
        }
        if (best != null) {
            return best;
        }
        String where = "generation " + generation + " of " + replica.client().location();
        if (first == null) {
            throw new RestoreException("no snapshots available in " + where);
        }
        if (opt.index() != null) {
            throw new RestoreException("no snapshot at or before WAL index " + Layout.hex8(opt.index()) + " in "
                    + where);
        }
        throw new RestoreException("no snapshot at or before " + opt.timestamp() + " in " + where
                + " (the first is from " + first.createdAt() + ")");
    }
}
