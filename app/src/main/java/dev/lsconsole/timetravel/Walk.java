package dev.lsconsole.timetravel;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.history.History;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.ltx.LtxWorkingCopy;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.restore.WorkingCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Walks one history (a v0.3 generation, or a v0.5 LTX chain) forward through its restore points with a single working copy (one temp file, in a
 * private temp directory removed at the end, also on error or cancel): the snapshot first, then one WAL
 * segment at a time. The visitor sees the file at each point {@code restore -timestamp} can reach, i.e.
 * after the last segment of each run of segments that share a creation time; it is never a full restore
 * per point.
 */
public final class Walk {
    /** Looks at the database at one restore point; returns false to stop the walk. */
    public interface Visitor {
        boolean visit(Point point, Path db);
    }

    /** A visitor that also learns the time of the next restore point (null at the last one). */
    public interface PeekingVisitor {
        boolean visit(Point point, Instant next, Path db);
    }

    private final Replica replica;
    private final String generation;
    private final RestorePlanner.Listing listing;
    private final LtxChain chain;
    private final Path tempRoot;
    private final Cancellation cancel;
    private final Progress progress;

    /** Told before each restore point is visited: the point's number (from 1) of all the walk can reach. */
    public interface Progress {
        void at(int n, int total, Point point);
    }

    /** Walks a v0.3 generation from its listing. */
    public Walk(Replica replica, String generation, RestorePlanner.Listing listing, Path tempRoot, Cancellation cancel) {
        this(replica, generation, listing, null, tempRoot, cancel, null);
    }

    private Walk(Replica replica, String generation, RestorePlanner.Listing listing, LtxChain chain, Path tempRoot,
                 Cancellation cancel, Progress progress) {
        this.replica = replica;
        this.generation = generation;
        this.listing = listing;
        this.chain = chain;
        this.tempRoot = tempRoot;
        this.cancel = cancel;
        this.progress = progress;
    }

    /** The same walk, telling {@code p} which point it is at (a window shows "restore point 37 of 120"). */
    public Walk withProgress(Progress p) {
        return new Walk(replica, generation, listing, chain, tempRoot, cancel, p);
    }

    /** How many restore points a whole walk visits (counted from the listing as the walk counts them, no I/O). */
    public int points() {
        if (chain != null) {
            return chain.steps().size();
        }
        SnapshotInfo snap = firstSnapshot(listing, generation);
        Instant reached = snap.createdAt();
        int n = 1;
        for (WalSegmentInfo s : listing.segments()) {
            if (s.index() >= snap.index() && s.createdAt().isAfter(reached)) {
                n++;
                reached = s.createdAt();
            }
        }
        return n;
    }

    /** Walks a replica's v0.5 chain, one LTX file per restore point (see {@link LtxChain}). */
    public static Walk ofLtx(Replica replica, LtxChain chain, Path tempRoot, Cancellation cancel) {
        return new Walk(replica, History.LTX_ID, null, chain, tempRoot, cancel, null);
    }

    /** The generation's first snapshot from which its WAL is complete: where every walk starts. */
    public static SnapshotInfo firstSnapshot(RestorePlanner.Listing l, String generation) {
        int lowestWal = l.segments().stream().mapToInt(WalSegmentInfo::index).min().orElse(Integer.MAX_VALUE);
        SnapshotInfo best = null;
        for (SnapshotInfo s : l.snapshots()) {
            boolean walFollows = s.index() >= lowestWal || l.segments().isEmpty();
            if (walFollows && (best == null || s.index() < best.index())) {
                best = s;
            }
        }
        if (best == null) {
            throw new TimeTravelException("no snapshot to start from in generation " + generation);
        }
        return best;
    }

    /** Visits every reachable restore point in time order until the visitor says stop. */
    public void run(Visitor visitor) {
        run((PeekingVisitor) (point, next, db) -> visitor.visit(point, db));
    }

    /** Visits every reachable restore point in time order, telling when the next one is. */
    public void run(PeekingVisitor visitor) {
        PeekingVisitor v = visitor;
        if (progress != null) {
            int total = points();
            int[] n = new int[1];
            v = (point, next, db) -> {
                progress.at(Math.min(++n[0], total), total, point);
                return visitor.visit(point, next, db);
            };
        }
        if (chain != null) {
            runLtx(v);
            return;
        }
        SnapshotInfo snap = firstSnapshot(listing, generation);
        Path dir = createDir();
        try (WorkingCopy wc = WorkingCopy.open(replica, snap, dir.resolve("walk.db"), cancel)) {
            walk(wc, snap, v);
        } finally {
            LocalFiles.deleteTree(dir);
        }
    }

    private void walk(WorkingCopy wc, SnapshotInfo snap, PeekingVisitor visitor) {
        Instant reached = snap.createdAt();
        Point pending = new Point(reached, snap.index(), -1);
        List<WalSegmentInfo> segs = listing.segments();
        for (WalSegmentInfo s : segs) {
            if (s.index() < snap.index()) {
                continue;
            }
            cancel.check();
            if (s.createdAt().isAfter(reached)) {
                if (!visitor.visit(pending, s.createdAt(), wc.file())) {
                    return;
                }
                reached = s.createdAt();
            }
            wc.apply(s);
            pending = new Point(reached, s.index(), s.offset());
        }
        cancel.check();
        visitor.visit(pending, null, wc.file());
    }

    private void runLtx(PeekingVisitor visitor) {
        List<LtxChain.Step> steps = chain.steps();
        if (steps.isEmpty()) {
            throw new TimeTravelException("no snapshot to start from in the v0.5 LTX chain of " + replica.client().location());
        }
        Path dir = createDir();
        try (LtxWorkingCopy wc = LtxWorkingCopy.open(replica, steps.get(0).file(), dir.resolve("walk.db"), cancel)) {
            for (int i = 0; i < steps.size(); i++) {
                cancel.check();
                LtxChain.Step s = steps.get(i);
                if (i > 0) {
                    wc.apply(s.file());
                }
                Instant next = i + 1 < steps.size() ? steps.get(i + 1).time() : null;
                if (!visitor.visit(Point.ofTxid(s.time(), s.txid()), next, wc.file())) {
                    return;
                }
            }
        } finally {
            LocalFiles.deleteTree(dir);
        }
    }

    private Path createDir() {
        try {
            Files.createDirectories(tempRoot);
            return Files.createTempDirectory(tempRoot, "lsc-timetravel-");
        } catch (IOException e) {
            throw new TimeTravelException("cannot create a working directory in " + tempRoot + ": " + e.getMessage(), e);
        }
    }
}
