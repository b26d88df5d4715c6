package dev.lsconsole.health;

import dev.lsconsole.history.History;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.ObjectChecks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads every object of every generation once, in parallel (a bounded window of WAL indexes in flight),
 * with the restore's own checks ({@link ObjectChecks}); reports each fault by object key, missing WAL
 * indexes between objects, and each generation's restorable window. {@code --deep} is {@link DeepCheck}.
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
        Map<String, GenerationStats> gens = LayoutScan.scan(replica, now, cancel, report::add);
        report.generations(gens);
        if (options.generation() != null && !gens.containsKey(options.generation())) {
            throw new HealthException("generation " + options.generation() + " not found in replica "
                    + replica.name() + " (" + replica.client().location() + ")");
        }
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        int threads = replica.client().isLocal() ? Math.min(options.threads(), cores) : options.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lsc-verify");
            t.setDaemon(true);
            return t;
        });
        try { // a cancel stops the workers through the token they check between reads, never by interrupting I/O
            for (String g : gens.keySet()) {
                if (g.equals(History.LTX_ID)) {
                    if (options.generation() == null) {
                        new LtxVerify(options, cancel, objects, stored).run(replica, report, pool);
                    }
                } else if (options.generation() == null || options.generation().equals(g)) {
                    new GenerationRun(replica, g, report, pool, threads * 2).run();
                }
            }
            cancel.check(); // a cancel that came during the last reads: no report
        } finally {
            pool.shutdownNow();
            report.read(objects.get(), stored.get());
        }
        return report;
    }

    /** One index's outcome, kept small: a replica may hold thousands of indexes. */
    private record IndexResult(int index, List<Problem> problems, Instant goodEnd, boolean faulty, String faultKey,
                               String firstKey) {
    }

    private record SnapshotResult(SnapshotInfo info, Future<Problem> problem) {
    }

    /** Verifies one generation: snapshots and WAL indexes in parallel, folded in (index, offset) order. */
    private final class GenerationRun {
        private final Replica replica;
        private final String generation;
        private final ReplicaReport report;
        private final ExecutorService pool;
        private final int lookAhead;
        private final List<IndexResult> indexes = new ArrayList<>();
        private final ArrayDeque<Future<IndexResult>> window = new ArrayDeque<>();
        private int previousIndex = -1;

        GenerationRun(Replica replica, String generation, ReplicaReport report, ExecutorService pool, int lookAhead) {
            this.replica = replica;
            this.generation = generation;
            this.report = report;
            this.pool = pool;
            this.lookAhead = lookAhead;
        }

        void run() {
            List<SnapshotResult> snapshots = new ArrayList<>();
            try (ObjectIterator<SnapshotInfo> it = replica.client().snapshots(generation)) {
                while (it.hasNext()) {
                    SnapshotInfo s = it.next();
                    snapshots.add(new SnapshotResult(s, pool.submit(() -> checkSnapshot(s))));
                }
            }
            List<WalSegmentInfo> group = new ArrayList<>();
            try (ObjectIterator<WalSegmentInfo> it = replica.client().walSegments(generation)) {
                while (it.hasNext()) {
                    cancel.check();
                    WalSegmentInfo s = it.next();
                    if (!group.isEmpty() && group.get(0).index() != s.index()) {
                        submit(group);
                        group = new ArrayList<>();
                    }
                    group.add(s);
                }
            }
            if (!group.isEmpty()) {
                submit(group);
            }
            while (!window.isEmpty()) {
                fold(await(window.poll()));
            }
            List<SnapshotInfo> sound = new ArrayList<>();
            for (SnapshotResult s : snapshots) {
                Problem p = await(s.problem());
                if (p == null) {
                    sound.add(s.info());
                } else {
                    report.add(p);
                }
            }
            Window w = window(sound);
            if (options.deep() && w.restorable()) {
                w = new DeepCheck(options, cancel).check(replica, generation, w, report);
            }
            report.window(w);
        }

        private Problem checkSnapshot(SnapshotInfo s) {
            ObjectChecks.Fault f = ObjectChecks.checkSnapshot(replica, s, stored, cancel);
            for (int attempt = 2; attempt <= ATTEMPTS && f != null && f.kind().equals("unreadable")
                    && !cancel.isCancelled(); attempt++) {
                f = ObjectChecks.checkSnapshot(replica, s, stored, cancel);
            }
            objects.incrementAndGet();
            return f == null ? null : new Problem(Kind.ofLabel(f.kind()), replica.name(),
                    Layout.snapshotKey("", s.generation(), s.index()), f.message());
        }

        private void submit(List<WalSegmentInfo> group) {
            while (window.size() >= lookAhead) {
                fold(await(window.poll()));
            }
            window.add(pool.submit(() -> checkIndex(group)));
        }

        /** Checks an index; an object that could not be read (network, a 5xx) gets the whole index read again. */
        private IndexResult checkIndex(List<WalSegmentInfo> group) {
            IndexResult r = checkIndexOnce(group);
            for (int attempt = 2; attempt <= ATTEMPTS && unreadable(r) && !cancel.isCancelled(); attempt++) {
                r = checkIndexOnce(group);
            }
            return r;
        }

        private IndexResult checkIndexOnce(List<WalSegmentInfo> group) {
            WalSegmentInfo first = group.get(0);
            List<Problem> problems = new ArrayList<>();
            Instant goodEnd = null;
            String faultKey = null;
            try (ObjectChecks.WalIndex w = new ObjectChecks.WalIndex(generation, first.index(), options.tempDir())) {
                for (WalSegmentInfo s : group) {
                    cancel.check();
                    ObjectChecks.Fault f = w.feed(replica, s, stored);
                    objects.incrementAndGet();
                    String key = Layout.walSegmentKey("", generation, s.index(), s.offset());
                    if (f != null) {
                        problems.add(new Problem(Kind.ofLabel(f.kind()), replica.name(), key, f.message()));
                        faultKey = faultKey == null ? key : faultKey;
                    } else if (faultKey == null && (goodEnd == null || s.createdAt().isAfter(goodEnd))) {
                        goodEnd = s.createdAt();
                    }
                }
            }
            return new IndexResult(first.index(), problems, goodEnd, faultKey != null, faultKey,
                    Layout.walSegmentKey("", generation, first.index(), first.offset()));
        }

        /** Reports an index's problems and a run of missing indexes before it, in order. */
        private void fold(IndexResult r) {
            if (previousIndex >= 0 && r.index() != previousIndex + 1) {
                report.add(new Problem(Kind.GAP, replica.name(), r.firstKey(), "WAL indexes "
                        + Layout.hex8(previousIndex + 1) + ".." + Layout.hex8(r.index() - 1L) + " of generation "
                        + generation + " are missing before " + replica.client().objectLocation(r.firstKey())));
            }
            previousIndex = r.index();
            r.problems().forEach(report::add);
            indexes.add(new IndexResult(r.index(), List.of(), r.goodEnd(), r.faulty(), r.faultKey(), r.firstKey()));
        }

        /** From the oldest sound snapshot through the WAL that follows it without a fault or a missing index. */
        private Window window(List<SnapshotInfo> sound) {
            if (sound.isEmpty()) {
                return new Window(generation, null, null, "no sound snapshot: nothing of it can be restored");
            }
            SnapshotInfo start = sound.get(0);
            Instant end = start.createdAt();
            int expected = start.index();
            for (IndexResult r : indexes) {
                if (r.index() < start.index()) {
                    continue;
                }
                if (r.index() != expected) {
                    return new Window(generation, start.createdAt(), end, "ends before missing WAL index "
                            + Layout.hex8(expected));
                }
                end = r.goodEnd() != null && r.goodEnd().isAfter(end) ? r.goodEnd() : end;
                if (r.faulty()) {
                    return new Window(generation, start.createdAt(), end, "ends before " + r.faultKey());
                }
                expected++;
            }
            return new Window(generation, start.createdAt(), end, null);
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
