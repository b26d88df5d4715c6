package dev.lsconsole.timetravel;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.TempFolders;
import dev.lsconsole.history.History;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.ltx.LtxWorkingCopy;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.PageChanges;
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
 * segment at a time. On a path upgraded in place it walks both as one timeline ({@link #upgraded}): the v0.3
 * generation's points before the chain's first, then the chain, whose first point is read whole. The
 * visitor sees the file at each point {@code restore -timestamp} can reach, i.e. after the last segment of
 * each run of segments that share a creation time; it is never a full restore per point. It also tells which pages changed between points, so a probe can skip the points that cannot
 * have changed its result (see {@link PageGate}).
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

    /**
     * A visitor that also learns what changed since the point before: {@code changed} holds the pages the
     * steps to this point wrote and the size they left; null at the first point, or when the walk does not
     * track pages ({@link #everyPoint}): then anything may have changed. Only valid during the call.
     */
    public interface StepVisitor {
        boolean visit(Point point, Instant next, Path db, PageChanges changed);
    }

    private final Replica replica;
    private final String generation;
    private final RestorePlanner.Listing listing;
    private final LtxChain chain;
    private final Path tempRoot;
    private final Cancellation cancel;
    private final Progress progress;
    private final boolean trackPages;
    /** Owns the working folders (deleted at exit, SIGTERM too, and swept later); null: plain temp folders. */
    private final TempFolders temps;

    /** Told before each restore point is visited: the point's number (from 1) of all the walk can reach. */
    public interface Progress {
        void at(int n, int total, Point point);
    }

    /** Walks a v0.3 generation from its listing. */
    public Walk(Replica replica, String generation, RestorePlanner.Listing listing, Path tempRoot, Cancellation cancel) {
        this(replica, generation, listing, null, tempRoot, cancel, null, true, null);
    }

    private Walk(Replica replica, String generation, RestorePlanner.Listing listing, LtxChain chain, Path tempRoot,
                 Cancellation cancel, Progress progress, boolean trackPages, TempFolders temps) {
        this.replica = replica;
        this.generation = generation;
        this.listing = listing;
        this.chain = chain;
        this.tempRoot = tempRoot;
        this.cancel = cancel;
        this.progress = progress;
        this.trackPages = trackPages;
        this.temps = temps;
    }

    /**
     * The same walk with its working folders made by {@code temps} in its root: a process ended mid-walk
     * (SIGTERM) deletes them, and a killed one leaves them to the next start's sweep.
     */
    public Walk ownedBy(TempFolders temps) {
        return new Walk(replica, generation, listing, chain, temps.root(), cancel, progress, trackPages, temps);
    }

    /** The same walk, telling {@code p} which point it is at (a window shows "restore point 37 of 120"). */
    public Walk withProgress(Progress p) {
        return new Walk(replica, generation, listing, chain, tempRoot, cancel, p, trackPages, temps);
    }

    /**
     * The same walk without page tracking: every visitor is told that anything may have changed, so a probe
     * is read at every point (the reference the page-skipping answers are checked against).
     */
    public Walk everyPoint() {
        return new Walk(replica, generation, listing, chain, tempRoot, cancel, progress, false, temps);
    }

    /** True when visitors learn the pages each point changed (false after {@link #everyPoint}). */
    public boolean tracksPages() {
        return trackPages;
    }

    /** How many restore points a whole walk visits (counted from the listing as the walk counts them, no I/O). */
    public int points() {
        if (chain == null) {
            return v03Points(null);
        }
        return chain.steps().size() + (listing == null ? 0 : v03Points(cut()));
    }

    /** The v0.3 points before {@code cut} (null: all). */
    private int v03Points(Instant cut) {
        SnapshotInfo snap = firstSnapshot(listing, generation);
        Instant reached = snap.createdAt();
        int n = before(reached, cut) ? 1 : 0;
        for (WalSegmentInfo s : listing.segments()) {
            if (s.index() >= snap.index() && s.createdAt().isAfter(reached)) {
                reached = s.createdAt();
                n += before(reached, cut) ? 1 : 0;
            }
        }
        return n;
    }

    private static boolean before(Instant t, Instant cut) {
        return cut == null || t.isBefore(cut);
    }

    /**
     * Walks a path upgraded in place: the v0.3 generation's restore points before the chain's first point,
     * then the v0.5 chain's (one timeline ordered by time; each point is in the history {@link #historyOf}
     * names). Page skipping works within each side; the chain's first point counts as "anything may have
     * changed". With an empty chain, the generation alone.
     */
    public static Walk upgraded(Replica replica, String generation, RestorePlanner.Listing listing, LtxChain chain,
                                Path tempRoot, Cancellation cancel) {
        return new Walk(replica, generation, listing, chain.steps().isEmpty() ? null : chain, tempRoot, cancel, null,
                true, null);
    }

    /** True when this walk crosses from a v0.3 generation into the v0.5 chain ({@link #upgraded}). */
    public boolean crossesUpgrade() {
        return listing != null && chain != null;
    }

    /** The history a point of this walk is in: its v0.3 generation's name, or {@link History#LTX_ID}. */
    public String historyOf(Point p) {
        return p.isLtx() ? History.LTX_ID : generation;
    }

    /** Where the v0.5 side starts: the chain's first restore point. */
    private Instant cut() {
        return chain.steps().get(0).time();
    }

    /** Walks a replica's v0.5 chain, one LTX file per restore point (see {@link LtxChain}). */
    public static Walk ofLtx(Replica replica, LtxChain chain, Path tempRoot, Cancellation cancel) {
        return new Walk(replica, History.LTX_ID, null, chain, tempRoot, cancel, null, true, null);
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
        run((StepVisitor) (point, next, db, changed) -> visitor.visit(point, next, db));
    }

    /** Visits every reachable restore point in time order, telling what changed since the point before. */
    public void run(StepVisitor visitor) {
        StepVisitor v = visitor;
        if (progress != null) {
            int total = points();
            int[] n = new int[1];
            v = (point, next, db, changed) -> {
                progress.at(Math.min(++n[0], total), total, point);
                return visitor.visit(point, next, db, changed);
            };
        }
        if (crossesUpgrade()) {
            runUpgraded(v);
            return;
        }
        if (chain != null) {
            runLtx(v);
            return;
        }
        runV03(v);
    }

    /** The generation's points before the chain's first (the last told the chain's first as next), then the chain. */
    private void runUpgraded(StepVisitor v) {
        Instant cut = cut();
        boolean[] stopped = new boolean[1];
        new Walk(replica, generation, listing, null, tempRoot, cancel, null, trackPages, temps).runV03((p, next, db, ch) -> {
            if (!p.time().isBefore(cut)) {
                return false; // the chain holds this moment and later ones
            }
            stopped[0] = !v.visit(p, next == null || !next.isBefore(cut) ? cut : next, db, ch);
            return !stopped[0];
        });
        if (!stopped[0]) {
            runLtx(v); // its first point is told null: read whole
        }
    }

    private void runV03(StepVisitor v) {
        SnapshotInfo snap = firstSnapshot(listing, generation);
        Path dir = createDir();
        try (WorkingCopy wc = WorkingCopy.open(replica, snap, dir.resolve("walk.db"), cancel)) {
            walk(wc, snap, v);
        } finally {
            deleteDir(dir);
        }
    }

    private void walk(WorkingCopy wc, SnapshotInfo snap, StepVisitor visitor) {
        PageChanges changed = trackPages ? new PageChanges() : null;
        boolean first = true;
        Instant reached = snap.createdAt();
        Point pending = new Point(reached, snap.index(), -1);
        List<WalSegmentInfo> segs = listing.segments();
        for (WalSegmentInfo s : segs) {
            if (s.index() < snap.index()) {
                continue;
            }
            cancel.check();
            if (s.createdAt().isAfter(reached)) {
                if (!visitor.visit(pending, s.createdAt(), wc.file(), first ? null : changed)) {
                    return;
                }
                first = false;
                clear(changed);
                reached = s.createdAt();
            }
            wc.apply(s, changed);
            pending = new Point(reached, s.index(), s.offset());
        }
        cancel.check();
        visitor.visit(pending, null, wc.file(), first ? null : changed);
    }

    private static void clear(PageChanges changed) {
        if (changed != null) {
            changed.clear();
        }
    }

    private void runLtx(StepVisitor visitor) {
        List<LtxChain.Step> steps = chain.steps();
        if (steps.isEmpty()) {
            throw new TimeTravelException("no snapshot to start from in the v0.5 LTX chain of " + replica.client().location());
        }
        Path dir = createDir();
        PageChanges changed = trackPages ? new PageChanges() : null;
        try (LtxWorkingCopy wc = LtxWorkingCopy.open(replica, steps.get(0).file(), dir.resolve("walk.db"), cancel)) {
            for (int i = 0; i < steps.size(); i++) {
                cancel.check();
                LtxChain.Step s = steps.get(i);
                clear(changed);
                if (i > 0) {
                    wc.apply(s.file(), changed);
                }
                Instant next = i + 1 < steps.size() ? steps.get(i + 1).time() : null;
                if (!visitor.visit(Point.ofTxid(s.time(), s.txid()), next, wc.file(), i == 0 ? null : changed)) {
                    return;
                }
            }
        } finally {
            deleteDir(dir);
        }
    }

    private Path createDir() {
        return createDir(tempRoot);
    }

    /** A private working folder: under {@code root}, or made by the walk's owner ({@link #ownedBy}). */
    Path createDir(Path root) {
        try {
            if (temps != null) {
                return temps.create("lsc-timetravel-");
            }
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "lsc-timetravel-");
        } catch (IOException e) {
            throw new TimeTravelException("cannot create a working directory in "
                    + (temps != null ? temps.root() : root) + ": " + e.getMessage(), e);
        }
    }

    /** Removes a folder {@link #createDir} made. */
    void deleteDir(Path dir) {
        if (temps != null) {
            temps.delete(dir);
        } else {
            LocalFiles.deleteTree(dir);
        }
    }
}
