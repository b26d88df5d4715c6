package dev.lsconsole.health;

import dev.lsconsole.history.History;
import dev.lsconsole.history.Restores;
import dev.lsconsole.ltx.LtxChain;
import dev.lsconsole.ltx.LtxDecoder;
import dev.lsconsole.ltx.LtxException;
import dev.lsconsole.ltx.LtxHeader;
import dev.lsconsole.ltx.LtxPlan;
import dev.lsconsole.ltx.LtxPlanner;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * verify for a replica's v0.5 LTX chain: reads every LTX file of every level once, in parallel, with the
 * LTX reader's checks (header, every page decompressed to its size, page index, CRC-64 file checksum),
 * checks that each file's header names the TXIDs its name does and that snapshots (level 9) start at TXID
 * 1, then works out the chain from the oldest snapshot: a TXID range no sound file covers before the newest
 * TXID is a gap; the restorable window runs from the oldest snapshot to the end of the chain. With
 * {@code --deep} the newest TXID is restored and integrity-checked.
 */
final class LtxVerify {
    private final Verifier.Options options;
    private final Cancellation cancel;
    private final AtomicLong objects;
    private final AtomicLong stored;

    LtxVerify(Verifier.Options options, Cancellation cancel, AtomicLong objects, AtomicLong stored) {
        this.options = options;
        this.cancel = cancel;
        this.objects = objects;
        this.stored = stored;
    }

    void run(Replica replica, ReplicaReport report, ExecutorService pool) {
        List<LtxFileInfo> all = new ArrayList<>();
        List<Future<Problem>> checks = new ArrayList<>();
        for (int level : replica.client().ltxLevels()) {
            try (ObjectIterator<LtxFileInfo> it = replica.client().ltxFiles(level)) {
                while (it.hasNext()) {
                    cancel.check();
                    LtxFileInfo f = it.next();
                    all.add(f);
                    checks.add(pool.submit(() -> check(replica, f)));
                }
            }
        }
        List<LtxFileInfo> sound = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Problem p = await(checks.get(i));
            if (p == null) {
                sound.add(all.get(i));
            } else {
                report.add(p);
            }
        }
        report.window(window(replica, all, sound, report));
    }

    /** Reads one file whole; a problem naming its key, or null when it is sound. */
    private Problem check(Replica replica, LtxFileInfo f) {
        String key = replica.client().ltxKey(f.level(), f.minTxid(), f.maxTxid());
        String name = replica.client().ltxLocation(f);
        for (int attempt = 1; ; attempt++) {
            cancel.check();
            try (InputStream in = replica.client().openLtx(f); LtxDecoder dec = new LtxDecoder(in, name)) {
                LtxHeader h = dec.header();
                byte[] page = new byte[h.pageSize()];
                while (dec.nextPage(page) != 0) {
                    cancel.check();
                }
                stored.addAndGet(dec.bytesRead());
                objects.incrementAndGet();
                return header(replica, key, name, f, h);
            } catch (LtxException e) {
                objects.incrementAndGet();
                Kind kind = e.problem().startsWith("truncated") ? Kind.TRUNCATED : Kind.CORRUPT;
                return new Problem(kind, replica.name(), key, e.getMessage());
            } catch (ReplicaException | IOException e) {
                boolean retry = !(e instanceof ReplicaException re) || re.isRetryable();
                if (attempt < Verifier.ATTEMPTS && retry && !cancel.isCancelled()) {
                    continue;
                }
                objects.incrementAndGet();
                return new Problem(Kind.UNREADABLE, replica.name(), key, "cannot read " + name + ": " + e.getMessage());
            }
        }
    }

    private static Problem header(Replica replica, String key, String name, LtxFileInfo f, LtxHeader h) {
        if (h.minTxid() != f.minTxid() || h.maxTxid() != f.maxTxid()) {
            return new Problem(Kind.CORRUPT, replica.name(), key, name + ": its header says TXID "
                    + LtxNames.txid(h.minTxid()) + "-" + LtxNames.txid(h.maxTxid()) + ", its name "
                    + LtxNames.txid(f.minTxid()) + "-" + LtxNames.txid(f.maxTxid()));
        }
        if (f.level() == LtxNames.SNAPSHOT_LEVEL && !h.isSnapshot()) {
            return new Problem(Kind.CORRUPT, replica.name(), key, name + ": a level-9 file must be a snapshot "
                    + "(start at TXID 1)");
        }
        return null;
    }

    /** The chain through the sound files; a hole before the newest TXID any file holds is a gap. */
    private Window window(Replica replica, List<LtxFileInfo> all, List<LtxFileInfo> sound, ReplicaReport report) {
        String id = History.LTX_ID;
        List<LtxFileInfo> timed = replica.client().accurateTimes(sound);
        LtxChain chain = LtxChain.of(timed);
        if (chain.isEmpty()) {
            boolean any = !all.isEmpty();
            if (any) {
                report.add(new Problem(Kind.MISSING_SNAPSHOT, replica.name(), ltxRoot(replica), "the v0.5 LTX chain "
                        + "has " + all.size() + " files but no sound one starts at TXID 1 (a snapshot): nothing of "
                        + "it can be restored"));
            }
            return new Window(id, null, null, "no sound snapshot: nothing of the v0.5 chain can be restored");
        }
        long newest = 0;
        for (LtxFileInfo f : all) {
            newest = Long.compareUnsigned(f.maxTxid(), newest) > 0 ? f.maxTxid() : newest;
        }
        List<LtxChain.Step> steps = chain.steps();
        LtxChain.Step last = steps.get(steps.size() - 1);
        String note = null;
        if (Long.compareUnsigned(last.txid(), newest) < 0) {
            LtxFileInfo after = firstAfter(timed, last.txid());
            String where = after == null ? "" : "; the next sound file is "
                    + replica.client().ltxLocation(after);
            String key = after == null ? ltxRoot(replica) : replica.client().ltxKey(after.level(), after.minTxid(),
                    after.maxTxid());
            report.add(new Problem(Kind.GAP, replica.name(), key, "TXIDs after " + LtxNames.txid(last.txid())
                    + " are in no sound LTX file of the v0.5 chain (newest TXID " + LtxNames.txid(newest) + ")"
                    + where + ": a restore cannot get past " + LtxNames.txid(last.txid())));
            note = "ends before a gap after TXID " + LtxNames.txid(last.txid());
        }
        Window w = new Window(id, steps.get(0).time(), last.time(), note);
        if (options.deep() && note == null) {
            deep(replica, report);
        }
        return w;
    }

    private static LtxFileInfo firstAfter(List<LtxFileInfo> files, long txid) {
        LtxFileInfo best = null;
        for (LtxFileInfo f : files) {
            if (Long.compareUnsigned(f.minTxid(), txid + 1) > 0
                    && (best == null || Long.compareUnsigned(f.minTxid(), best.minTxid()) < 0)) {
                best = f;
            }
        }
        return best;
    }

    private static String ltxRoot(Replica replica) {
        return "file".equals(replica.client().type()) ? "ltx/" : "";
    }

    /** Restores the newest TXID and runs integrity_check on it; the temp file is always removed. */
    private void deep(Replica replica, ReplicaReport report) {
        Path out = options.tempDir().resolve("ltx-deep.db");
        try {
            LtxPlan plan = new LtxPlanner().plan(replica, 0, null);
            RestoreResult r = new Restores(options.threads(), Verify.FULL).run(plan, out, RestoreProgress.Listener.NONE,
                    cancel);
            if (!r.checkedOk()) {
                report.add(new Problem(Kind.INTEGRITY, replica.name(), ltxRoot(replica), "newest point of the v0.5 "
                        + "chain (TXID " + LtxNames.txid(plan.maxTxid()) + ") fails the check: " + r.integrity()));
            }
        } catch (RestoreException | ReplicaException | LtxException e) {
            report.add(new Problem(Kind.INTEGRITY, replica.name(), ltxRoot(replica), "newest point of the v0.5 chain "
                    + "cannot be restored: " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the temp folder is removed with it
            }
        }
    }

    private static Problem await(Future<Problem> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
