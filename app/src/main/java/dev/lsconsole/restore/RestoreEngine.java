package dev.lsconsole.restore;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a {@link RestorePlan} into a new file. WAL indexes are fetched and decoded in parallel
 * (bounded look-ahead), then applied in order by writing each index's committed pages straight into
 * the database file (what SQLite's checkpoint would write, without SQLite in the loop). The result is
 * verified and only then moved to the output path; on any failure or cancel nothing is left behind.
 */
public final class RestoreEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreEngine.class);
    private static final int ATTEMPTS = 3;
    static final long MEMORY_PER_INDEX = 8L << 20;
    /** SQLite page cache of the check, in KiB: bounded, as the check reads every page once (indexes more). */
    static final int CHECK_CACHE_KB = 32 << 10;
    static final int SNAPSHOT_WRITE = 16 << 10;

    private final int parallelism;
    private final Verify verify;

    public RestoreEngine(int parallelism, Verify verify) {
        this.parallelism = Math.max(1, parallelism);
        this.verify = verify;
    }

    public RestoreResult restore(RestorePlan plan, Path output, RestoreProgress.Listener listener,
                                 Cancellation caller) {
        long started = System.nanoTime();
        Cancellation cancel = caller.child(); // stops the workers on a failure without touching the caller's token
        Path out = prepareOutput(output);
        try (RestoreTemp temp = RestoreTemp.claim(out)) { // held until the temp files are gone
            Path tmp = temp.restoring();
            createPrivate(tmp);
            try (AutoCloseable dropTmp = cancel.onCancel(() -> deleteWithSidecars(tmp))) {
                return restore(plan, out, tmp, listener, caller, cancel, started);
            }
        } catch (RuntimeException e) {
            throw caller.isCancelled() ? cancelled(e) : e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // closing the listener handle throws nothing
        }
    }

    /**
     * The output path made absolute, refused when something is already there (a file is never replaced),
     * with its directory created.
     */
    public static Path prepareOutput(Path output) {
        Path out = refuseExisting(output);
        Path dir = out.getParent();
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new RestoreException("cannot create output directory " + dir + ": " + e.getFile()
                    + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new RestoreException("cannot create output directory " + dir + ": " + LocalFiles.reason(e), e);
        }
        return out;
    }

    /** The output path made absolute; refused when something is already there (also a dangling link). */
    public static Path refuseExisting(Path output) {
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new RestoreException("cannot restore, output path already exists: " + out);
        }
        return out;
    }

    /** A hidden, unique name beside the output for the files a restore writes before publishing it (see RestoreTemp). */
    static String tempStem(Path out) {
        return "." + out.getFileName() + "." + Long.toHexString(new Random().nextLong());
    }

    /** A failure caused by the caller's cancel (an interrupted statement, a file dropped) is a cancel. */
    public static CancellationException cancelled(RuntimeException e) {
        if (e instanceof CancellationException ce) {
            return ce;
        }
        CancellationException ce = new CancellationException("cancelled");
        ce.initCause(e);
        return ce;
    }

    private RestoreResult restore(RestorePlan plan, Path out, Path tmp, RestoreProgress.Listener listener,
                                  Cancellation caller, Cancellation cancel, long started) {
        List<List<WalSegmentInfo>> groups = groupByIndex(plan.segments());
        AtomicLong fetched = new AtomicLong();
        AtomicInteger applied = new AtomicInteger();
        long total = plan.bytes();
        Runnable report = () -> listener.onProgress(new RestoreProgress(RestoreProgress.Phase.WAL, fetched.get(), total,
                applied.get(), groups.size()));
        // Parallel fetches hide network latency; on a local disk decoding is CPU-bound, and threads beyond
        // the cores left next to the snapshot's only slow it down.
        int threads = plan.replica().client().isLocal()
                ? Math.min(parallelism, Math.max(1, Runtime.getRuntime().availableProcessors() - 1)) : parallelism;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1, r -> {
            Thread t = new Thread(r, "lsc-restore");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<WalDecoder>> window = new ArrayDeque<>();
        // The index being applied writes straight into the file as it decodes (no temp file for it);
        // `applied` says whose turn it is, once the snapshot is in place.
        java.util.concurrent.atomic.AtomicReference<DbFile> target = new java.util.concurrent.atomic.AtomicReference<>();
        IntFunction<WalDecoder.WriteTurn> turns = g -> () -> applied.get() == g ? target.get() : null;
        boolean ok = false;
        try {
            Future<?> snap = pool.submit(() -> {
                fetchSnapshot(plan.replica(), plan.snapshot(), tmp, fetched, cancel);
                preloadSqlite(verify);
                return null;
            });
            int next = 0;
            int lookAhead = threads * 2;
            while (next < groups.size() && window.size() < lookAhead) {
                window.add(submitIndex(pool, plan.replica(), groups.get(next), turns.apply(next++), tmp.getParent(), fetched,
                        cancel));
            }
            await(snap, cancel);
            long tSnapshot = System.nanoTime();
            listener.onProgress(new RestoreProgress(RestoreProgress.Phase.SNAPSHOT, fetched.get(), total, 0, groups.size()));
            long frames = 0;
            long pages = 0;
            long tWal;
            int pageSize;
            String integrity;
            try (DbFile db = new DbFile(tmp, false)) {
                pageSize = db.pageSize();
                target.set(db);
                while (!window.isEmpty()) {
                    cancel.check();
                    try (WalDecoder dec = await(window.poll(), cancel)) {
                        if (next < groups.size()) {
                            window.add(submitIndex(pool, plan.replica(), groups.get(next), turns.apply(next++),
                                    tmp.getParent(), fetched, cancel));
                        }
                        frames += dec.frames();
                        pages += dec.isDirect() ? dec.finishDirect() : dec.drainTo(db);
                    }
                    applied.incrementAndGet();
                    report.run();
                }
                tWal = System.nanoTime();
                listener.onProgress(new RestoreProgress(RestoreProgress.Phase.VERIFY, fetched.get(), total,
                        applied.get(), groups.size()));
                // fsync and the integrity check both only read the finished pages: run them side by side.
                Future<?> sync = syncInBackground(tmp);
                integrity = verify(tmp, verify, cancel);
                await(sync, cancel);
            } catch (IOException e) {
                throw new LocalWriteException("cannot write " + tmp + ": " + e.getMessage(), e);
            }
            long tVerify = System.nanoTime();
            cancel.commit(() -> publish(tmp, out)); // a cancel either stops the link or comes after it
            LOG.info("restore phases: snapshot {} ms, wal {} ms, fsync and {} {} ms",
                    ms(tSnapshot - started), ms(tWal - tSnapshot), integrity, ms(tVerify - tWal));
            ok = true;
            listener.onProgress(new RestoreProgress(RestoreProgress.Phase.DONE, fetched.get(), total, applied.get(),
                    groups.size()));
            long size = sizeOf(out);
            return new RestoreResult(out, plan, size, pageSize, frames, pages, integrity,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (!ok) {
                cancel.cancel();
            }
            pool.shutdownNow();
            if (!ok) {
                deleteWithSidecars(tmp); // a worker still writing writes to the unlinked file; none re-creates it
            }
            try {
                // Workers stop at the next segment; a cancel (Ctrl-C) does not wait for a slow read to end.
                pool.awaitTermination(caller.isCancelled() && !ok ? 100 : 10_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Future<WalDecoder> f : window) {
                closeIfDone(f);
            }
        }
    }

    /**
     * fsync through its own channel on its own thread, which a cancel neither interrupts nor waits for:
     * closing a FileChannel (or interrupting a thread in it) waits until a running fsync ends.
     */
    public static Future<?> syncInBackground(Path file) {
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) { // never re-creates it
                ch.force(true);
            } catch (IOException e) {
                throw new LocalWriteException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return null;
        });
        Thread t = new Thread(task, "lsc-restore-sync");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /**
     * Loads SQLite's native library (sqlite-jdbc extracts it and compares it byte by byte, ~0.1 s of a
     * fresh JVM) while WAL indexes are still being fetched, instead of at the check, when nothing else runs.
     */
    public static void preloadSqlite(Verify verify) {
        if (verify.pragma != null) {
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
            } catch (Exception e) {
                LOG.debug("SQLite preload failed; the check will report it: {}", e.toString());
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Opens something on a file that is being made. */
    public interface FileOpener<T> {
        T open() throws IOException;
    }

    /**
     * Creates a working copy's file (it must not exist yet; readable by its owner only) and fills it with
     * {@code open}; on any failure the file is gone and the error is one line naming it.
     */
    public static <T> T createWorkingCopy(Path file, FileOpener<T> open) {
        if (Files.exists(file)) {
            throw new RestoreException("cannot create working copy, path already exists: " + file);
        }
        createPrivate(file);
        try {
            return open.open();
        } catch (IOException | RuntimeException e) {
            deleteWithSidecars(file);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new RestoreException("cannot open working copy " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates an empty file readable by its owner only (0600, as litestream creates restored files). */
    public static void createPrivate(Path file) {
        try {
            LocalFiles.createPrivate(file);
        } catch (IOException e) {
            throw new LocalWriteException("cannot create " + file + ": " + LocalFiles.reason(e), e);
        }
    }

    static List<List<WalSegmentInfo>> groupByIndex(List<WalSegmentInfo> segments) {
        List<List<WalSegmentInfo>> groups = new ArrayList<>();
        for (WalSegmentInfo s : segments) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0).index() != s.index()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(s);
        }
        return groups;
    }

    private static Future<WalDecoder> submitIndex(ExecutorService pool, Replica replica, List<WalSegmentInfo> group,
                                                  WalDecoder.WriteTurn turn, Path spillDir, AtomicLong fetched,
                                                  Cancellation cancel) {
        return pool.submit(() -> decodeIndex(replica, group, turn, spillDir, fetched, cancel));
    }

    /**
     * Fetches and decodes all segments of one WAL index; transport errors are retried from the start
     * (a retry of an index that was writing through writes the same versions again, in the same order).
     */
    static WalDecoder decodeIndex(Replica replica, List<WalSegmentInfo> group, WalDecoder.WriteTurn turn,
                                  Path spillDir, AtomicLong fetched, Cancellation cancel) {
        WalSegmentInfo first = group.get(0);
        for (int attempt = 1; ; attempt++) {
            AtomicLong counted = new AtomicLong();
            WalDecoder dec = new WalDecoder(first.generation(), first.index(), MEMORY_PER_INDEX, spillDir);
            dec.writeThrough(turn);
            try {
                for (WalSegmentInfo s : group) {
                    cancel.check();
                    feed(replica, s, dec, counted);
                }
                fetched.addAndGet(counted.get());
                return dec;
            } catch (RuntimeException e) {
                dec.close();
                if (attempt < ATTEMPTS && isTransient(e) && !cancel.isCancelled()) {
                    LOG.warn("retrying WAL index {} of generation {} after: {}", first.index(), first.generation(),
                            e.getMessage());
                    backoff(attempt);
                    continue;
                }
                throw e;
            }
        }
    }

    /** Reads one segment into a decoder (decode errors name the object). */
    static void feed(Replica replica, WalSegmentInfo s, WalDecoder dec, AtomicLong counter) {
        String name = replica.client().walSegmentLocation(s.pos());
        try (InputStream raw = replica.client().openWalSegment(s.pos());
             InputStream in = replica.codec().decode(SourceIOException.wrap(raw, counter))) {
            dec.feed(s.offset(), in, name);
        } catch (SourceIOException e) {
            throw new ReplicaException("cannot read " + name + ": " + e.getMessage(), e, true);
        } catch (IOException | RuntimeException e) {
            throw objectError(name, e);
        }
    }

    /**
     * Decompresses a snapshot into {@code file} (which must exist: a worker that starts after a cancel
     * dropped it must not create it again). An object that is not a whole SQLite file is named in the error.
     */
    static void fetchSnapshot(Replica replica, SnapshotInfo s, Path file, AtomicLong fetched, Cancellation cancel) {
        String name = replica.client().snapshotLocation(s.generation(), s.index());
        for (int attempt = 1; ; attempt++) {
            AtomicLong counted = new AtomicLong();
            try (InputStream raw = replica.client().openSnapshot(s.generation(), s.index());
                 InputStream in = replica.codec().decode(SourceIOException.wrap(raw, counted));
                 FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                SnapshotCheck.read(name, in, 1 << 20, cancel, (buf, n) -> {
                    try {
                        writeInSlices(ch, buf, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // a write error, told apart from a read error below
                    }
                });
                fetched.addAndGet(counted.get());
                return;
            } catch (UncheckedIOException e) {
                throw new LocalWriteException("cannot write " + file + ": " + e.getCause().getMessage(), e);
            } catch (SourceIOException e) {
                if (attempt < ATTEMPTS && !cancel.isCancelled()) {
                    LOG.warn("retrying snapshot {} after: {}", name, e.getMessage());
                    backoff(attempt);
                    continue;
                }
                throw new RestoreException("cannot read " + name + ": " + e.getMessage(), e);
            } catch (ReplicaException e) {
                if (attempt < ATTEMPTS && isTransient(e) && !cancel.isCancelled()) {
                    backoff(attempt);
                    continue;
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                if (e instanceof CancellationException ce) {
                    throw ce;
                }
                throw objectError(name, e);
            }
        }
    }

    /**
     * Writes buf[0..n) in {@link #SNAPSHOT_WRITE} pieces. The page cache sizes its folios after the writes
     * that create them; on Linux 6.x with ext4's large folios, 1 MB writes left 1 MB folios, and every
     * later 4 KB page write into one cost ~10x more kernel time (measured: 100k random 4 KB writes into a
     * file written in 1 MB pieces 1.5-2.8 s of CPU, in 16 KB pieces 0.26 s). A restore writes hundreds of
     * thousands of pages into the snapshot it just wrote.
     */
    static void writeInSlices(FileChannel ch, byte[] buf, int n) throws IOException {
        for (int off = 0; off < n; off += SNAPSHOT_WRITE) {
            ByteBuffer b = ByteBuffer.wrap(buf, off, Math.min(SNAPSHOT_WRITE, n - off));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static RuntimeException objectError(String name, Exception e) {
        if (e instanceof RestoreException || e instanceof ReplicaException || e instanceof CancellationException) {
            return (RuntimeException) e;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new RestoreException("corrupt object " + name + ": " + reason, e);
    }

    private static boolean isTransient(RuntimeException e) {
        return e instanceof ReplicaException r && r.isRetryable();
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(200L << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Waits for a worker's result, giving up at once when the job is cancelled. */
    public static <T> T await(Future<T> f, Cancellation cancel) {
        try {
            while (true) {
                cancel.check();
                try {
                    return f.get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    // look at the cancel flag again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new RestoreException(String.valueOf(c.getMessage()), c);
        }
    }

    /** Closes the decoder (and its spill file) of a task that finished; failed tasks closed their own. */
    private static void closeIfDone(Future<WalDecoder> f) {
        if (f.isDone() && !f.isCancelled()) {
            try {
                f.get().close();
            } catch (Exception ignored) {
                // failed or cancelled: nothing to close
            }
        }
    }

    /**
     * Runs SQLite's integrity_check (or quick_check) on a file without creating -wal/-shm files. No
     * memory map: mapped pages count in the process's resident set (and against a container's memory
     * limit), so a 1.1 GB database peaked at 1.4-1.65 GB RSS. Pages are read into a page cache of
     * {@link #CHECK_CACHE_KB} instead; the OS page cache (which holds the just-written file) does the rest.
     *
     * <p>The full check is the default on purpose: WAL and LZ4 checksums prove every page is the one
     * litestream stored, not that the replica is consistent. A litestream-made replica whose restore had
     * rows missing from an index passed quick_check (which skips index-versus-table checks) and failed
     * integrity_check; see README, "How a restore works".
     */
    public static String verify(Path file, Verify verify, Cancellation cancel) {
        if (verify.pragma == null) {
            return "not checked";
        }
        requireSqlite();
        // mode=ro: a check started just after a cancel dropped the file must not create it again.
        String url = "jdbc:sqlite:file:" + file.toUri().getRawPath() + "?immutable=1&mode=ro";
        cancel.check();
        try (Connection c = DriverManager.getConnection(url);
             Statement st = c.createStatement();
             AutoCloseable interrupt = cancel.onCancel(() -> cancelQuietly(st))) {
            cancel.check();
            st.execute("PRAGMA mmap_size=0");
            st.execute("PRAGMA cache_size=-" + CHECK_CACHE_KB);
            return check(st, verify);
        } catch (Exception e) {
            if (cancel.isCancelled()) {
                throw cancelled(e instanceof RuntimeException re ? re : new RestoreException(e.getMessage(), e));
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new RestoreException("restored database failed " + verify.pragma + ": " + e.getMessage(), e);
        }
    }

    /**
     * SQLite's native library, which sqlite-jdbc first copies into the temp folder: when that folder is full
     * or not writable the check cannot run, a fault of this machine and not of the restored file.
     */
    private static void requireSqlite() {
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            String dir = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
            String m = String.valueOf(e.getMessage());
            throw new LocalWriteException("cannot load SQLite's native library, which sqlite-jdbc copies into " + dir
                    + " first (is it full, not writable or mounted noexec?): "
                    + (m.contains(", paths=") ? m.substring(0, m.indexOf(", paths=")) : m), e);
        }
    }

    /** sqlite-jdbc's cancel is sqlite3_interrupt: the running check stops at its next step. */
    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // the statement already finished or closed
        }
    }

    private static String check(Statement st, Verify verify) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + verify.pragma)) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            if (problems.size() == 1 && problems.get(0).equals("ok")) {
                return verify.pragma + " ok";
            }
            throw new RestoreException("restored database failed " + verify.pragma + ": "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : ""));
        }
    }

    /** Moves tmp to out without ever replacing a file that appeared at out meanwhile. */
    public static void publish(Path tmp, Path out) {
        try {
            try {
                Files.createLink(out, tmp);
                Files.delete(tmp);
            } catch (UnsupportedOperationException | IOException linkFailed) {
                if (linkFailed instanceof FileAlreadyExistsException) {
                    throw (FileAlreadyExistsException) linkFailed;
                }
                Files.move(tmp, out);
            }
        } catch (FileAlreadyExistsException e) {
            throw new RestoreException("cannot restore, output path already exists: " + out);
        } catch (IOException e) {
            throw new RestoreException("cannot move restored database to " + out + ": " + e.getMessage(), e);
        }
    }

    public static void deleteWithSidecars(Path p) {
        for (Path left : LocalFiles.deleteWithSidecars(p)) {
            LOG.warn("could not delete temp file {}", left);
        }
    }
}
