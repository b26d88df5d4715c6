package dev.lsconsole.health;

import dev.lsconsole.history.History;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.LocalWriteException;
import dev.lsconsole.restore.ObjectChecks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads every object of every generation once, in parallel (a bounded window of WAL indexes in flight),
 * from one listing of the replica, with the restore's own checks ({@link ObjectChecks}); reports each fault
 * by object key, missing WAL indexes between objects, and each generation's restorable windows
 * ({@link Windows}). {@code --deep} is {@link DeepCheck}.
 */
public final class Verifier {
    /** {@code generation} null for all; {@code tempDir} for WAL pages beyond memory and deep restores. */
    public record Options(String generation, boolean deep, int threads, Path tempDir) {
    }

    /** Reads of an object that could not be read, as the restore engine does. */
    static final int ATTEMPTS = 3;

    private final Options options;
    private final Cancellation cancel;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();

    private volatile Consumer<String> phases = p -> { };
    private final AtomicBoolean deepStarted = new AtomicBoolean();

    /** Told of each phase as it starts: {@code list}, {@code read} (first object read), {@code deep}, {@code done}. */
    public void onPhase(Consumer<String> listener) {
        phases = listener;
    }

    private void read() {
        if (objects.incrementAndGet() == 1) {
            phases.accept("read");
        }
    }

    public Verifier(Options options, Cancellation cancel) {
        this.options = options;
        this.cancel = cancel;
    }

    /** Objects and stored bytes read so far (for progress; safe from any thread). */
    public long[] progress() {
        return new long[] {objects.get(), stored.get()};
    }

    public ReplicaReport verify(Replica replica, Instant now) {
        ReplicaReport report = new ReplicaReport(replica.name(), replica.client().location(), now);
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        int threads = replica.client().isLocal() ? Math.min(options.threads(), cores) : options.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lsc-verify");
            t.setDaemon(true);
            return t;
        });
        phases.accept("list");
        try { // a cancel stops the workers through the token they check between reads, never by interrupting I/O
            Listing listing = new Listing(replica, report, pool, threads * 2);
            Map<String, GenerationStats> gens = LayoutScan.scan(replica, now, cancel, report::add, listing);
            listing.finish();
            report.generations(gens);
            report.emptyGenerations(LayoutScan.emptyGenerations(replica, gens));
            if (options.generation() != null && !gens.containsKey(options.generation())) {
                throw new HealthException("generation " + options.generation() + " not found in replica "
                        + replica.name() + " (" + replica.client().location() + ")");
            }
            if (gens.containsKey(History.LTX_ID) && options.generation() == null) {
                // the v0.5 chain's files are listed again by level (their order is by TXID, not by key)
                new LtxVerify(options, cancel, objects, stored).run(replica, report, pool);
            }
            cancel.check(); // a cancel that came during the last reads: no report
            phases.accept("done");
        } catch (LocalWriteException e) {
            throw new HealthException(e.getMessage() + " (a fault of this machine: the replica was not judged)");
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
            report.read(objects.get(), stored.get());
        }
        return report;
    }

    /** One index's outcome, kept small: a replica may hold thousands of indexes. */
    private record IndexResult(Windows.Index index, List<Problem> problems, String firstKey) {
    }

    private record SnapshotResult(SnapshotInfo info, Future<Problem> problem) {
    }

    /**
     * The one listing of the replica, as {@link LayoutScan} walks it: a generation's objects come together
     * (snapshots, then WAL in (index, offset) order), so each is verified as it is listed and finished when
     * the next generation starts. Holds one generation's small per-index results, never the listing.
     */
    private final class Listing implements LayoutScan.Listener {
        private final Replica replica;
        private final ReplicaReport report;
        private final ExecutorService pool;
        private final int lookAhead;
        private final Set<String> seen = new HashSet<>();
        private String current;
        private GenerationRun run;

        Listing(Replica replica, ReplicaReport report, ExecutorService pool, int lookAhead) {
            this.replica = replica;
            this.report = report;
            this.pool = pool;
            this.lookAhead = lookAhead;
        }

        @Override
        public void snapshot(SnapshotInfo s) {
            if (runFor(s.generation()) != null) {
                run.snapshot(s);
            }
        }

        @Override
        public void walSegment(WalSegmentInfo w) {
            if (runFor(w.generation()) != null) {
                run.walSegment(w);
            }
        }

        private GenerationRun runFor(String generation) {
            if (!generation.equals(current)) {
                finish();
                if (!seen.add(generation)) {
                    throw new HealthException("the listing of " + replica.client().location()
                            + " is not in key order: generation " + generation + " comes back after others");
                }
                current = generation;
                boolean wanted = options.generation() == null || options.generation().equals(generation);
                run = wanted ? new GenerationRun(replica, generation, report, pool, lookAhead) : null;
            }
            return run;
        }

        void finish() {
            if (run != null) {
                GenerationRun r = run;
                run = null;
                r.finish();
            }
        }
    }

    /** Verifies one generation as it is listed: snapshots and WAL indexes in parallel, folded in order. */
    private final class GenerationRun {
        private final Replica replica;
        private final String generation;
        private final ReplicaReport report;
        private final ExecutorService pool;
        private final int lookAhead;
        private final List<SnapshotResult> snapshots = new ArrayList<>();
        private final List<Windows.Index> indexes = new ArrayList<>();
        private final ArrayDeque<Future<IndexResult>> window = new ArrayDeque<>();
        private List<WalSegmentInfo> group = new ArrayList<>();
        private WalSegmentInfo lastSegment;
        private int previousIndex = -1;

        GenerationRun(Replica replica, String generation, ReplicaReport report, ExecutorService pool, int lookAhead) {
            this.replica = replica;
            this.generation = generation;
            this.report = report;
            this.pool = pool;
            this.lookAhead = lookAhead;
        }

        void snapshot(SnapshotInfo s) {
            if (lastSegment != null || (!snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).info().index()
                    >= s.index())) {
                throw outOfOrder(Layout.snapshotKey("", generation, s.index()));
            }
            snapshots.add(new SnapshotResult(s, pool.submit(() -> checkSnapshot(s))));
        }

        void walSegment(WalSegmentInfo s) {
            cancel.check();
            if (lastSegment != null && (s.index() < lastSegment.index()
                    || s.index() == lastSegment.index() && s.offset() <= lastSegment.offset())) {
                throw outOfOrder(Layout.walSegmentKey("", generation, s.index(), s.offset()));
            }
            lastSegment = s;
            if (!group.isEmpty() && group.get(0).index() != s.index()) {
                submit(group);
                group = new ArrayList<>();
            }
            group.add(s);
        }

        private HealthException outOfOrder(String key) {
            return new HealthException("the listing of " + replica.client().location() + " is not in key order at "
                    + key);
        }

        void finish() {
            if (!group.isEmpty()) {
                submit(group);
            }
            while (!window.isEmpty()) {
                fold(await(window.poll()));
            }
            DeepCheck deep = new DeepCheck(options, cancel);
            if (options.deep() && deepStarted.compareAndSet(false, true)) {
                phases.accept("deep");
            }
            List<SnapshotInfo> sound = new ArrayList<>();
            List<SnapshotInfo> whole = new ArrayList<>(); // sound objects, whatever integrity_check says
            for (SnapshotResult s : snapshots) {
                Problem p = await(s.problem());
                if (p == null) {
                    whole.add(s.info());
                    p = options.deep() ? deep.snapshot(replica, s.info()) : null;
                }
                if (p == null) {
                    sound.add(s.info());
                } else {
                    report.add(p);
                }
            }
            List<Window> windows = new ArrayList<>(Windows.of(generation, sound, indexes));
            if (options.deep()) {
                List<Window> byObjects = Windows.of(generation, whole, indexes);
                Window newest = deep.newest(replica, generation, byObjects.get(byObjects.size() - 1), report);
                int last = windows.size() - 1;
                if (newest.note() != null && windows.get(last).restorable()) {
                    windows.set(last, new Window(generation, windows.get(last).from(), windows.get(last).to(),
                            newest.note()));
                }
            }
            windows.forEach(report::window);
        }

        private Problem checkSnapshot(SnapshotInfo s) {
            ObjectChecks.Fault f = ObjectChecks.checkSnapshot(replica, s, stored, cancel);
            for (int attempt = 2; attempt <= ATTEMPTS && f != null && f.kind().equals("unreadable")
                    && !cancel.isCancelled(); attempt++) {
                f = ObjectChecks.checkSnapshot(replica, s, stored, cancel);
            }
            read();
            return f == null ? null : new Problem(Kind.ofLabel(f.kind()), replica.name(),
                    Layout.snapshotKey("", s.generation(), s.index()), f.message());
        }

        private void submit(List<WalSegmentInfo> segments) {
            while (window.size() >= lookAhead) {
                fold(await(window.poll()));
            }
            window.add(pool.submit(() -> checkIndex(segments)));
        }

        /** Checks an index; an object that could not be read (network, a 5xx) gets the whole index read again. */
        private IndexResult checkIndex(List<WalSegmentInfo> segments) {
            IndexResult r = checkIndexOnce(segments);
            for (int attempt = 2; attempt <= ATTEMPTS && unreadable(r) && !cancel.isCancelled(); attempt++) {
                r = checkIndexOnce(segments);
            }
            return r;
        }

        private IndexResult checkIndexOnce(List<WalSegmentInfo> segments) {
            WalSegmentInfo first = segments.get(0);
            List<Problem> problems = new ArrayList<>();
            Instant goodEnd = null;
            String faultKey = null;
            try (ObjectChecks.WalIndex w = new ObjectChecks.WalIndex(generation, first.index(), options.tempDir())) {
                for (WalSegmentInfo s : segments) {
                    cancel.check();
                    ObjectChecks.Fault f = w.feed(replica, s, stored);
                    read();
                    String key = Layout.walSegmentKey("", generation, s.index(), s.offset());
                    if (f != null) {
                        problems.add(new Problem(Kind.ofLabel(f.kind()), replica.name(), key, f.message()));
                        faultKey = faultKey == null ? key : faultKey;
                    } else if (faultKey == null && (goodEnd == null || s.createdAt().isAfter(goodEnd))) {
                        goodEnd = s.createdAt();
                    }
                }
            }
            return new IndexResult(new Windows.Index(first.index(), goodEnd, faultKey), problems,
                    Layout.walSegmentKey("", generation, first.index(), first.offset()));
        }

        /** Reports an index's problems and a run of missing indexes before it, in order. */
        private void fold(IndexResult r) {
            int index = r.index().index();
            if (previousIndex >= 0 && index != previousIndex + 1) {
                report.add(new Problem(Kind.GAP, replica.name(), r.firstKey(), "WAL indexes "
                        + Layout.hex8(previousIndex + 1) + ".." + Layout.hex8(index - 1L) + " of generation "
                        + generation + " are missing before " + replica.client().objectLocation(r.firstKey())));
            }
            previousIndex = index;
            r.problems().forEach(report::add);
            indexes.add(r.index());
        }
    }

    /**
     * Gives workers still reading (after a cancel or a fault) a moment to see the token and close their
     * spill files, so the caller's temp folder is removed after them, not under them.
     */
    private static void awaitWorkers(ExecutorService pool) {
        try {
            pool.awaitTermination(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean unreadable(IndexResult r) {
        return r.problems().stream().anyMatch(p -> p.kind() == Kind.UNREADABLE);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        }
    }
}
