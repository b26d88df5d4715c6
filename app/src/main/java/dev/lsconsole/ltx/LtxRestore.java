package dev.lsconsole.ltx;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.LocalWriteException;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.RestoreTemp;
import dev.lsconsole.restore.Verify;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an {@link LtxPlan} into a new file: each LTX file's pages are written in plan order (a later
 * file's version of a page replaces an earlier one, as litestream's compactor keeps the newest), then the
 * file is cut to the last file's commit size. Every file's CRC-64 is verified as it is read. Remote files
 * are fetched ahead in parallel while earlier ones are applied. The result is checked by SQLite and only
 * then moved to the output path; on any failure or cancel nothing is left behind.
 */
public final class LtxRestore {
    private static final Logger LOG = LoggerFactory.getLogger(LtxRestore.class);
    private static final int ATTEMPTS = 3;
    private final int parallelism;
    private final Verify verify;

    public LtxRestore(int parallelism, Verify verify) {
        this.parallelism = Math.max(1, parallelism);
        this.verify = verify;
    }

    public RestoreResult restore(LtxPlan plan, Path output, RestoreProgress.Listener listener, Cancellation caller) {
        long started = System.nanoTime();
        Cancellation cancel = caller.child();
        Path out = RestoreEngine.prepareOutput(output);
        try (RestoreTemp temp = RestoreTemp.claim(out)) { // held until the temp files are gone
            return restore(plan, out, temp, listener, caller, cancel, started);
        }
    }

    private RestoreResult restore(LtxPlan plan, Path out, RestoreTemp temp, RestoreProgress.Listener listener,
                                  Cancellation caller, Cancellation cancel, long started) {
        Path tmp = temp.restoring();
        RestoreEngine.createPrivate(tmp);
        Fetcher fetcher = new Fetcher(plan, out.getParent(), temp.stem(), cancel);
        boolean ok = false;
        try (AutoCloseable dropTmp = cancel.onCancel(() -> RestoreEngine.deleteWithSidecars(tmp))) {
            RestoreResult r = apply(plan, out, tmp, fetcher, listener, cancel, started);
            ok = true;
            return r;
        } catch (RuntimeException e) {
            throw caller.isCancelled() ? RestoreEngine.cancelled(e) : e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // closing the listener handle throws nothing
        } finally {
            fetcher.close();
            if (!ok) {
                cancel.cancel();
                RestoreEngine.deleteWithSidecars(tmp);
            }
        }
    }

    private RestoreResult apply(LtxPlan plan, Path out, Path tmp, Fetcher fetcher, RestoreProgress.Listener listener,
                                Cancellation cancel, long started) throws IOException {
        if (verify != Verify.NONE) { // SQLite's native library loads while the pages are written
            Thread t = new Thread(() -> RestoreEngine.preloadSqlite(verify), "lsc-sqlite-preload");
            t.setDaemon(true);
            t.start();
        }
        List<LtxFileInfo> files = plan.files();
        long total = plan.bytes();
        long pages = 0;
        LtxHeader last = null;
        long waited = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            for (int i = 0; i < files.size(); i++) {
                cancel.check();
                long t0 = System.nanoTime();
                Applied a = applyOne(plan, i, fetcher, ch, last, cancel);
                waited += a.waited - t0;
                pages += a.pages;
                last = a.header;
                listener.onProgress(new RestoreProgress(RestoreProgress.Phase.WAL, fetcher.fetched(), total, i + 1,
                        files.size()));
            }
            if (last.commit() == 0) {
                throw new RestoreException("cannot restore into " + tmp + ": the last LTX file says the database is empty");
            }
            PageApply.size(ch, last);
        } catch (PageApply.WriteFailed e) {
            throw new LocalWriteException("cannot write " + tmp + ": " + LocalFiles.reason(e.getCause()), e.getCause());
        }
        long tApplied = System.nanoTime();
        listener.onProgress(new RestoreProgress(RestoreProgress.Phase.VERIFY, fetcher.fetched(), total, files.size(),
                files.size()));
        // fsync and the integrity check both only read the finished pages: run them side by side.
        Future<?> sync = RestoreEngine.syncInBackground(tmp);
        String integrity = RestoreEngine.verify(tmp, verify, cancel);
        long tVerified = System.nanoTime();
        RestoreEngine.await(sync, cancel);
        long tSynced = System.nanoTime();
        cancel.commit(() -> RestoreEngine.publish(tmp, out));
        LOG.info("restore phases: apply {} files {} ms (waiting for fetches {} ms), {} {} ms, fsync done {} ms later",
                files.size(), ms(tApplied - started), ms(waited), integrity, ms(tVerified - tApplied),
                ms(tSynced - tVerified));
        listener.onProgress(new RestoreProgress(RestoreProgress.Phase.DONE, fetcher.fetched(), total, files.size(),
                files.size()));
        return new RestoreResult(out, plan, Files.size(out), last.pageSize(), 0, pages, integrity,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** One file applied: its header, its pages, and when its bytes were there to read (System.nanoTime). */
    private record Applied(LtxHeader header, long pages, long waited) {
    }

    /**
     * Decodes file {@code i} into the database file. A streamed file (a remote snapshot) whose read fails
     * is read again from its start, at most {@link #ATTEMPTS} times: its pages are the first written, so
     * writing them again is harmless.
     */
    private Applied applyOne(LtxPlan plan, int i, Fetcher fetcher, FileChannel ch, LtxHeader prev, Cancellation cancel)
            throws IOException {
        LtxFileInfo f = plan.files().get(i);
        String name = plan.replica().client().ltxLocation(f);
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = fetcher.open(i); LtxDecoder dec = new LtxDecoder(in, name)) {
                long opened = System.nanoTime();
                LtxHeader h = dec.header();
                checkFollows(name, f, h, prev);
                long n = PageApply.pages(dec, h, ch, cancel);
                fetcher.done(i);
                return new Applied(h, n, opened);
            } catch (LtxException e) {
                if (!retry(fetcher, i, attempt, e.getCause() instanceof IOException, cancel, e)) {
                    throw e;
                }
            } catch (ReplicaException e) {
                if (!retry(fetcher, i, attempt, e.isRetryable(), cancel, e)) {
                    throw e;
                }
            } catch (IOException e) {
                throw new RestoreException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean retry(Fetcher fetcher, int i, int attempt, boolean transientFailure, Cancellation cancel,
                                 RuntimeException e) {
        if (!fetcher.streamed(i) || !transientFailure || attempt >= ATTEMPTS || cancel.isCancelled()) {
            return false;
        }
        LOG.warn("reading the snapshot again after: {}", e.getMessage());
        return true;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The header must be the file the name says, and continue the database the earlier files built. */
    private static void checkFollows(String name, LtxFileInfo f, LtxHeader h, LtxHeader prev) {
        if (h.minTxid() != f.minTxid() || h.maxTxid() != f.maxTxid()) {
            throw new RestoreException("corrupt object " + name + ": its header says TXID " + LtxNames.txid(h.minTxid())
                    + "-" + LtxNames.txid(h.maxTxid()) + ", its name " + LtxNames.txid(f.minTxid()) + "-"
                    + LtxNames.txid(f.maxTxid()));
        }
        if (prev != null && h.pageSize() != prev.pageSize()) {
            throw new RestoreException("corrupt object " + name + ": page size " + h.pageSize()
                    + " differs from the earlier files' " + prev.pageSize());
        }
    }

    /**
     * Opens the plan's files in order. A local replica is read in place; a remote one is fetched ahead into
     * private temp files beside the output (a few at a time), each deleted once applied or on failure.
     */
    private final class Fetcher implements AutoCloseable {
        private final LtxPlan plan;
        private final Path dir;
        private final String stem;
        private final Cancellation cancel;
        private final AtomicLong fetched = new AtomicLong();
        private final ExecutorService pool;
        private final List<Future<Path>> ahead = new ArrayList<>();
        private int submitted;

        Fetcher(LtxPlan plan, Path dir, String stem, Cancellation cancel) {
            this.plan = plan;
            this.dir = dir;
            this.stem = stem;
            this.cancel = cancel;
            this.pool = plan.replica().client().isLocal() ? null : Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "lsc-ltx-fetch");
                t.setDaemon(true);
                return t;
            });
        }

        long fetched() {
            return fetched.get();
        }

        /** True for the file read straight from the replica while the later ones are fetched (file 0 of a remote one). */
        boolean streamed(int i) {
            return pool != null && i == 0;
        }

        /** File i has been applied: count a streamed one's bytes (the others are counted as fetched). */
        void done(int i) {
            if (streamed(i)) {
                fetched.addAndGet(plan.files().get(i).size());
            }
        }

        /**
         * Opens file i. Of a remote replica, the first file (the snapshot, by far the largest) is decoded as it
         * arrives while the next ones are fetched ahead into temp files.
         */
        InputStream open(int i) throws IOException {
            LtxFileInfo f = plan.files().get(i);
            if (pool == null) {
                fetched.addAndGet(f.size());
                return plan.replica().client().openLtx(f);
            }
            if (submitted == 0) {
                ahead.add(null); // file 0 is streamed
                submitted = 1;
            }
            while (submitted < plan.files().size() && submitted <= i + parallelism * 2) {
                int k = submitted++;
                ahead.add(pool.submit(() -> download(k)));
            }
            if (streamed(i)) {
                InputStream in = plan.replica().client().openLtx(f);
                // A cancel closes it: the decoding thread may be waiting in a read on a stalled connection.
                AutoCloseable unregister = cancel.onCancel(() -> closeQuietly(in));
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        closeQuietly(unregister);
                        super.close();
                    }
                };
            }
            Path p = RestoreEngine.await(ahead.get(i), cancel);
            InputStream in = Files.newInputStream(p);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    Files.deleteIfExists(p);
                }
            };
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the reader sees the stream closed; the cancel is what it reports
            }
        }

        private Path download(int k) throws IOException {
            LtxFileInfo f = plan.files().get(k);
            Path p = dir.resolve(stem + "." + k + ".ltx");
            RestoreEngine.createPrivate(p);
            for (int attempt = 1; ; attempt++) {
                cancel.check();
                try (InputStream in = plan.replica().client().openLtx(f)) {
                    Files.copy(in, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    fetched.addAndGet(f.size());
                    return p;
                } catch (ReplicaException e) {
                    if (attempt >= 3 || !e.isRetryable()) {
                        throw e;
                    }
                } catch (IOException e) {
                    if (attempt >= 3) {
                        throw new ReplicaException("cannot read " + plan.replica().client().ltxLocation(f) + ": "
                                + e.getMessage(), e, true);
                    }
                }
            }
        }

        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int k = 0; k < submitted; k++) {
                try {
                    Files.deleteIfExists(dir.resolve(stem + "." + k + ".ltx"));
                } catch (IOException ignored) {
                    // best effort; the file is private and named after the restore
                }
            }
        }
    }
}
