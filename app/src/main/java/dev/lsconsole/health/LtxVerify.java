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
import dev.lsconsole.restore.LocalWriteException;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The headers of the sound level-0 files: their WAL positions chain one writer's files. */
    private final Map<LtxFileInfo, LtxHeader> l0 = new ConcurrentHashMap<>();

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
        windows(replica, all, sound, report);
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
                Problem p = header(replica, key, name, f, h);
                if (p == null && f.level() == 0) {
                    l0.put(f, h);
                }
                return p;
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

    /**
     * The chain through the sound files. TXIDs that no sound file of levels 0–8 holds (a hole, up to the
     * newest TXID any file holds) are a gap: their states are lost, and the restorable stretch splits there
     * (the chain goes on only from a later snapshot, if there is one). Restore points whose restore plans
     * through a faulty file ({@link LtxLost}) are left out too: a window ends before them.
     */
    private void windows(Replica replica, List<LtxFileInfo> all, List<LtxFileInfo> sound, ReplicaReport report) {
        String id = History.LTX_ID;
        LtxChain chain = LtxChain.of(replica.client().accurateTimes(sound));
        if (chain.isEmpty()) {
            if (!all.isEmpty()) {
                report.add(new Problem(Kind.MISSING_SNAPSHOT, replica.name(), ltxRoot(replica), "the v0.5 LTX chain "
                        + "has " + all.size() + " files but no sound one starts at TXID 1 (a snapshot): nothing of "
                        + "it can be restored"));
            }
            report.window(new Window(id, null, null, "no sound snapshot: nothing of the v0.5 chain can be restored"));
            return;
        }
        List<LtxChain.Step> steps = chain.steps();
        LtxLost lost = LtxLost.of(all, sound, steps);
        LtxWriters.Break writers = writers();
        if (writers != null) {
            report.add(LtxWriters.problem(replica, writers));
            long cut = writers.after().minTxid();
            steps = steps.stream().filter(st -> Long.compareUnsigned(st.txid(), cut) < 0).toList();
            if (steps.isEmpty()) {
                report.window(new Window(id, null, null, "the oldest snapshot is past a second writer's files: "
                        + "nothing of the v0.5 chain can be restored without mixing two databases"));
                return;
            }
        }
        boolean whole = lost.isEmpty() && writers == null;
        LtxChain.Step from = null;
        LtxChain.Step prev = null;
        int windows = 0;
        for (LtxChain.Step st : steps) {
            LtxChain.Hole h = prev == null ? null : chain.holeAfter(prev);
            if (h != null) {
                gap(replica, report, h);
                whole = false;
            }
            String end = h != null ? holeNote(h)
                    : prev == null ? null : lostNote(replica, lost.after(prev.txid(), st.txid()));
            if (from != null && end != null) {
                report.window(new Window(id, from.time(), prev.time(), end));
                windows++;
                from = null;
            }
            from = from == null && !lost.isLost(st.txid()) ? st : from;
            prev = st;
        }
        LtxChain.Hole tail = writers != null ? null : chain.holeAfter(prev);
        if (tail != null) {
            gap(replica, report, tail);
            whole = false;
        }
        if (from != null) {
            report.window(new Window(id, from.time(), prev.time(), writers != null
                    ? LtxWriters.windowNote(replica, writers) : tail != null ? holeNote(tail)
                    : lostNote(replica, lost.after(prev.txid(), -1L))));
        } else if (windows == 0) {
            report.window(new Window(id, null, null, "every restore point needs a faulty file: nothing of the v0.5 "
                    + "chain can be restored"));
        }
        if (options.deep() && whole) {
            deep(replica, report);
        }
    }

    /** The first break in the WAL positions of the sound level-0 files, or null. */
    private LtxWriters.Break writers() {
        List<LtxFileInfo> files = new ArrayList<>(l0.keySet());
        files.sort(LtxFileInfo.ORDER);
        return LtxWriters.firstBreak(files, files.stream().map(l0::get).toList());
    }

    private static String holeNote(LtxChain.Hole h) {
        return "ends before lost TXIDs " + LtxNames.txid(h.from()) + ".." + LtxNames.txid(h.to());
    }

    /** Why a window ends before restore points whose restore needs a faulty file; null when none follow. */
    private static String lostNote(Replica replica, LtxLost.Run run) {
        return run == null ? null : "ends before TXIDs " + LtxNames.txid(run.from()) + ".." + LtxNames.txid(run.to())
                + ", whose restore needs " + replica.client().ltxKey(run.file().level(), run.file().minTxid(),
                run.file().maxTxid()) + " (not sound)";
    }

    private static void gap(Replica replica, ReplicaReport report, LtxChain.Hole h) {
        LtxFileInfo at = h.after() != null ? h.after() : h.before();
        String key = at == null ? ltxRoot(replica) : replica.client().ltxKey(at.level(), at.minTxid(), at.maxTxid());
        report.add(new Problem(Kind.GAP, replica.name(), key, "TXIDs " + LtxNames.txid(h.from()) + ".."
                + LtxNames.txid(h.to()) + " are in no sound LTX file of levels 0-8"
                + (h.before() == null ? "" : " (the last before them: " + replica.client().ltxLocation(h.before()) + ")")
                + (h.after() == null ? "" : "; the next file is " + replica.client().ltxLocation(h.after()))
                + ": their states cannot be restored"
                + (h.after() == null ? ", and a restore cannot get past " + LtxNames.txid(h.from() - 1) : "")));
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
        } catch (LocalWriteException e) {
            throw e; // this machine's fault, not the replica's: verify could not check
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
