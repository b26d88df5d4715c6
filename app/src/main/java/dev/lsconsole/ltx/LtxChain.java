package dev.lsconsole.ltx;

import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every restore point of a replica's v0.5 chain, in TXID order, and the files that reach each one from
 * the oldest snapshot with the finest steps. Applying a file whose range starts at or before the next
 * TXID to the state it extends gives the state at its max TXID (as litestream's planner relies on), so one
 * working copy walks the chain file by file: from each state, the file that ends soonest after it. Points
 * thin out with age because litestream deletes L0 files once compacted (L1 every 30 s, L2 every 5 min…).
 *
 * <p>The file list of levels 0–9 is held while the chain is worked out: litestream keeps it small by
 * compaction and retention (a few thousand files a day at the default levels).
 */
public final class LtxChain {
    /** Exact times are read this many files at a time (in parallel within a batch), to report progress. */
    private static final int TIMES_BATCH = 128;

    /** A restore point: the state after {@code file}, at its max TXID, reached at {@code time}. */
    public record Step(LtxFileInfo file, long txid, Instant time) {
    }

    /**
     * TXIDs {@code from}..{@code to} after the oldest snapshot that no file of levels 0–8 holds: their states
     * are lost (the chain only gets past them through a later snapshot, or not at all). {@code before} is the
     * file that ends just before them, {@code after} the first file that starts after them (null when none).
     */
    public record Hole(long from, long to, LtxFileInfo before, LtxFileInfo after) {
    }

    private final List<Step> steps;
    private final List<Hole> holes;

    private LtxChain(List<Step> steps, List<Hole> holes) {
        this.steps = List.copyOf(steps);
        this.holes = List.copyOf(holes);
    }

    /** The TXID ranges lost in the middle of the chain (empty when it is whole). */
    public List<Hole> holes() {
        return holes;
    }

    /** The hole between restore point {@code at} and the next one, or null. */
    public Hole holeAfter(Step at) {
        for (Hole h : holes) {
            if (h.from() == at.txid() + 1) {
                return h;
            }
        }
        return null;
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Reports how many of the chain's files have their exact creation time read so far. */
    public interface TimesRead {
        void progress(int done, int total);
    }

    /** Lists the replica's LTX files and works out the chain, with exact times (see {@link #of(Replica, List, TimesRead)}). */
    public static LtxChain of(Replica replica) {
        return of(replica, replica.client().ltxLevels(), (done, total) -> { });
    }

    /** As {@link #of(Replica)}, for a caller that has listed the replica's levels already. */
    public static LtxChain of(Replica replica, List<Integer> levels) {
        return of(replica, levels, (done, total) -> { });
    }

    /** As {@link #of(Replica)}, reporting the exact times read. */
    public static LtxChain of(Replica replica, TimesRead progress) {
        return of(replica, replica.client().ltxLevels(), progress);
    }

    /**
     * Lists the replica's LTX files at these levels and works out the chain, then reads the exact creation
     * times (S3: one HEAD each for the {@code litestream-timestamp} metadata) of only the files it steps
     * through: which files make the chain does not depend on their times, except to break a tie between
     * files of one level ending at one TXID, so those are read too. Coarser files that cover what the finest
     * steps already hold (compactions of them, later snapshots) are not read. The result is the chain
     * worked out from every file's time.
     */
    public static LtxChain of(Replica replica, List<Integer> levels, TimesRead progress) {
        List<LtxFileInfo> files = new ArrayList<>();
        for (int level : levels) {
            try (ObjectIterator<LtxFileInfo> it = replica.client().ltxFiles(level)) {
                it.forEachRemaining(files::add);
            }
        }
        Set<String> used = new HashSet<>();
        for (Step st : of(files).steps()) {
            used.add(st.file().level() + "/" + st.file().maxTxid());
        }
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (used.contains(files.get(i).level() + "/" + files.get(i).maxTxid())) {
                at.add(i);
            }
        }
        progress.progress(0, at.size());
        for (int from = 0; from < at.size(); from += TIMES_BATCH) {
            List<Integer> batch = at.subList(from, Math.min(at.size(), from + TIMES_BATCH));
            List<LtxFileInfo> exact = replica.client().accurateTimes(batch.stream().map(files::get).toList());
            for (int k = 0; k < batch.size(); k++) {
                files.set(batch.get(k), exact.get(k));
            }
            progress.progress(from + batch.size(), at.size());
        }
        return of(files);
    }

    /** The chain through these files: from the oldest snapshot (a file starting at TXID 1), finest steps. */
    public static LtxChain of(List<LtxFileInfo> files) {
        List<LtxFileInfo> sorted = new ArrayList<>(files);
        sorted.sort((a, b) -> a.minTxid() != b.minTxid() ? Long.compareUnsigned(a.minTxid(), b.minTxid())
                : Long.compareUnsigned(a.maxTxid(), b.maxTxid()));
        LtxFileInfo start = null;
        for (LtxFileInfo f : sorted) {
            boolean snapshot = f.minTxid() == 1;
            if (snapshot && (start == null || Long.compareUnsigned(f.maxTxid(), start.maxTxid()) < 0
                    || f.maxTxid() == start.maxTxid() && f.level() == LtxNames.SNAPSHOT_LEVEL)) {
                start = f;
            }
        }
        List<Step> steps = new ArrayList<>();
        if (start == null) {
            return new LtxChain(steps, List.of());
        }
        steps.add(new Step(start, start.maxTxid(), start.createdAt()));
        long current = start.maxTxid();
        Instant reached = start.createdAt();
        while (true) {
            LtxFileInfo next = null;
            for (LtxFileInfo f : sorted) {
                if (Long.compareUnsigned(f.minTxid(), current + 1) > 0) {
                    break;
                }
                if (Long.compareUnsigned(f.maxTxid(), current) > 0 && (next == null || finer(f, next))) {
                    next = f;
                }
            }
            if (next == null) {
                return new LtxChain(steps, holes(sorted, start.maxTxid()));
            }
            current = next.maxTxid();
            reached = next.createdAt().isAfter(reached) ? next.createdAt() : reached;
            steps.add(new Step(next, current, reached));
        }
    }

    /** Uncovered TXID ranges after {@code from} up to the newest TXID any file holds (files sorted by min). */
    private static List<Hole> holes(List<LtxFileInfo> sorted, long from) {
        long newest = from;
        for (LtxFileInfo f : sorted) {
            newest = Long.compareUnsigned(f.maxTxid(), newest) > 0 ? f.maxTxid() : newest;
        }
        List<Hole> out = new ArrayList<>();
        long covered = from;
        LtxFileInfo last = null;
        for (LtxFileInfo f : sorted) {
            if (f.level() == LtxNames.SNAPSHOT_LEVEL || Long.compareUnsigned(f.maxTxid(), covered) <= 0) {
                continue;
            }
            if (Long.compareUnsigned(f.minTxid(), covered + 1) > 0) {
                out.add(new Hole(covered + 1, f.minTxid() - 1, last, f));
            }
            covered = f.maxTxid();
            last = f;
        }
        if (Long.compareUnsigned(covered, newest) < 0) {
            out.add(new Hole(covered + 1, newest, last, null));
        }
        return out;
    }

    /** Ends sooner; then the lower level (the smaller file); then the earlier one. */
    private static boolean finer(LtxFileInfo a, LtxFileInfo b) {
        if (a.maxTxid() != b.maxTxid()) {
            return Long.compareUnsigned(a.maxTxid(), b.maxTxid()) < 0;
        }
        if (a.level() != b.level()) {
            return a.level() < b.level();
        }
        return a.createdAt().isBefore(b.createdAt());
    }
}
