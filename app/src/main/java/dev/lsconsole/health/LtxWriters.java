package dev.lsconsole.health;

import dev.lsconsole.ltx.LtxException;
import dev.lsconsole.ltx.LtxHeader;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A second writer on a v0.5 chain. Litestream v0.5.16 sets the LTX "no checksum" flag on every file, so
 * the pre-/post-apply checksums are zero and cannot chain; what does chain is the WAL position each
 * level-0 file's header records (litestream's own DB.verify reads it back the same way): one process's
 * next file starts where its last one ended ({@code offset + size}, same WAL salts), or at the start of a
 * new WAL (offset 32, after a checkpoint, a restart or a snapshot). Two processes replicating two
 * databases to one path each write their own TXIDs 1, 2, 3…, overwrite each other's files, and leave
 * neighbours whose WAL positions do not meet: a restore past that point mixes two databases.
 * Compacted files (levels 1–9) carry no WAL position, so only neighbouring level-0 files are compared.
 */
final class LtxWriters {
    /** SQLite's WAL header: where the first frame of a new WAL starts. */
    static final long WAL_HEADER_SIZE = 32;
    /** check reads the headers of this many newest level-0 files: one ranged GET of 100 bytes each. */
    static final int CHECKED_BY_CHECK = 16;

    /** Two neighbouring level-0 files one process cannot have written one after the other. */
    record Break(LtxFileInfo before, LtxHeader beforeHeader, LtxFileInfo after, LtxHeader afterHeader) {
    }

    private LtxWriters() {
    }

    /**
     * The first break along {@code files} (level-0 files in TXID order, with their headers; same length),
     * or null. Only files that follow each other without a TXID gap and both record a WAL position count.
     */
    static Break firstBreak(List<LtxFileInfo> files, List<LtxHeader> headers) {
        for (int i = 1; i < files.size(); i++) {
            if (isBreak(headers.get(i - 1), headers.get(i))) {
                return new Break(files.get(i - 1), headers.get(i - 1), files.get(i), headers.get(i));
            }
        }
        return null;
    }

    /**
     * check's look: reads the 100-byte headers of {@code newest} (the newest level-0 files, in TXID order)
     * and returns the first break, or null. A file that cannot be read or parsed (deleted by L0 retention
     * since the listing, or faulty: verify's job) is left out, so no neighbours are compared across it.
     */
    static Break newest(Replica replica, List<LtxFileInfo> newest, Cancellation cancel) {
        List<LtxFileInfo> files = new ArrayList<>();
        List<LtxHeader> headers = new ArrayList<>();
        for (LtxFileInfo f : newest) {
            cancel.check();
            try (InputStream in = replica.client().openLtxRange(f, 0, LtxHeader.SIZE)) {
                headers.add(LtxHeader.parse(in.readNBytes(LtxHeader.SIZE), replica.client().ltxLocation(f)));
                files.add(f);
            } catch (ReplicaException | LtxException | IOException e) {
                // not judged here: verify reads every file
            }
        }
        return firstBreak(files, headers);
    }

    static boolean isBreak(LtxHeader before, LtxHeader after) {
        if (after.minTxid() != before.maxTxid() + 1 || before.walOffset() == 0 || after.walOffset() == 0) {
            return false; // not neighbours, or a file that records no WAL position: no evidence
        }
        if (after.walOffset() == WAL_HEADER_SIZE) {
            return false; // a new WAL (checkpoint, restart or snapshot) may start with any salts
        }
        boolean sameWal = after.walSalt1() == before.walSalt1() && after.walSalt2() == before.walSalt2();
        return !(sameWal && after.walOffset() == before.walOffset() + before.walSize());
    }

    /** The problem, in the words of v0.3's concurrent-writers problem; named by the later file's key. */
    static Problem problem(Replica replica, Break b) {
        return new Problem(Kind.CONCURRENT_WRITERS, replica.name(), key(replica, b.after()), "TXID "
                + LtxNames.txid(b.after().minTxid()) + " (" + replica.client().ltxLocation(b.after()) + ") does not "
                + "continue TXID " + LtxNames.txid(b.before().maxTxid()) + " (" + replica.client().ltxLocation(b.before())
                + "): it starts at WAL offset " + b.afterHeader().walOffset() + " of WAL " + salts(b.afterHeader())
                + ", the file before ends at offset " + (b.beforeHeader().walOffset() + b.beforeHeader().walSize())
                + " of WAL " + salts(b.beforeHeader()) + ": more than one process replicates to this path "
                + "(replicas > 1?), or a write was lost; a restore past TXID " + LtxNames.txid(b.before().maxTxid())
                + " mixes two databases");
    }

    /** Why a restorable window ends at the break. */
    static String windowNote(Replica replica, Break b) {
        return "ends before TXID " + LtxNames.txid(b.after().minTxid()) + ": " + key(replica, b.after())
                + " was written by another process than " + key(replica, b.before()) + " (concurrent writers)";
    }

    private static String key(Replica replica, LtxFileInfo f) {
        return replica.client().ltxKey(f.level(), f.minTxid(), f.maxTxid());
    }

    private static String salts(LtxHeader h) {
        return String.format("%08x%08x", h.walSalt1(), h.walSalt2());
    }
}
