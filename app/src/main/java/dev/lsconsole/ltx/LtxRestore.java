package dev.lsconsole.ltx;

import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores an {@link LtxPlan} into a new file: each LTX file's pages are written in plan order (a later
 * file's version of a page replaces an earlier one, as litestream's compactor keeps the newest), then the
 * file is cut to the last file's commit size. Every file's CRC-64 is verified as it is read. Remote files
 * are fetched ahead in parallel while earlier ones are applied. The result is checked by SQLite and only
 * then moved to the output path; on any failure or cancel nothing is left behind.
 */
public final class LtxRestore {
    private final int parallelism;
    private final Verify verify;

    public LtxRestore(int parallelism, Verify verify) {
        this.parallelism = Math.max(1, parallelism);
        this.verify = verify;
    }

    public RestoreResult restore(LtxPlan plan, Path output, RestoreProgress.Listener listener, Cancellation caller) {
        long started = System.nanoTime();
        Cancellation cancel = caller.child();
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new RestoreException("cannot restore, output path already exists: " + out);
        }
        Path dir = out.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RestoreException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
        String stem = "." + out.getFileName() + "." + Long.toHexString(new Random().nextLong());
        Path tmp = dir.resolve(stem + ".restoring");
        RestoreEngine.createPrivate(tmp);
        Fetcher fetcher = new Fetcher(plan, dir, stem, cancel);
        boolean ok = false;
        try (AutoCloseable dropTmp = cancel.onCancel(() -> RestoreEngine.deleteWithSidecars(tmp))) {
            RestoreResult r = apply(plan, out, tmp, fetcher, listener, cancel, started);
            ok = true;
            return r;
        } catch (RuntimeException e) {
            throw caller.isCancelled() ? cancelled(e) : e;
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
        List<LtxFileInfo> files = plan.files();
        long total = plan.bytes();
        long pages = 0;
        LtxHeader last = null;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            for (int i = 0; i < files.size(); i++) {
                cancel.check();
                LtxFileInfo f = files.get(i);
                String name = plan.replica().client().ltxLocation(f);
                try (InputStream in = fetcher.open(i); LtxDecoder dec = new LtxDecoder(in, name)) {
                    LtxHeader h = dec.header();
                    checkFollows(name, f, h, last);
                    pages += PageApply.pages(dec, h, ch, cancel);
                    last = h;
                } catch (IOException e) {
                    throw new RestoreException("cannot read " + name + ": " + e.getMessage(), e);
                }
                listener.onProgress(new RestoreProgress(RestoreProgress.Phase.WAL, fetcher.fetched(), total, i + 1,
                        files.size()));
            }
            if (last.commit() == 0) {
                throw new RestoreException("cannot restore into " + tmp + ": the last LTX file says the database is empty");
            }
            PageApply.size(ch, last);
            ch.force(true);
        }
        listener.onProgress(new RestoreProgress(RestoreProgress.Phase.VERIFY, fetcher.fetched(), total, files.size(),
                files.size()));
        String integrity = RestoreEngine.verify(tmp, verify, cancel);
        cancel.commit(() -> RestoreEngine.publish(tmp, out));
        listener.onProgress(new RestoreProgress(RestoreProgress.Phase.DONE, fetcher.fetched(), total, files.size(),
                files.size()));
        return new RestoreResult(out, plan, Files.size(out), last.pageSize(), 0, pages, integrity,
                Duration.ofNanos(System.nanoTime() - started));
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

    private static CancellationException cancelled(RuntimeException e) {
        if (e instanceof CancellationException ce) {
            return ce;
        }
        CancellationException ce = new CancellationException("cancelled");
        ce.initCause(e);
        return ce;
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

        InputStream open(int i) throws IOException {
            LtxFileInfo f = plan.files().get(i);
            if (pool == null) {
                fetched.addAndGet(f.size());
                return plan.replica().client().openLtx(f);
            }
            while (submitted < plan.files().size() && submitted <= i + parallelism * 2) {
                int k = submitted++;
                ahead.add(pool.submit(() -> download(k)));
            }
            Path p = await(ahead.get(i));
            InputStream in = Files.newInputStream(p);
            return new java.io.FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    Files.deleteIfExists(p);
                }
            };
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

        private Path await(Future<Path> f) {
            try {
                while (true) {
                    cancel.check();
                    try {
                        return f.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillRunning) {
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
                throw new RestoreException(String.valueOf(c.getMessage()), c);
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
