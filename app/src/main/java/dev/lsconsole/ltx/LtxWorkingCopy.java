package dev.lsconsole.ltx;

import dev.lsconsole.LocalFiles;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.LocalWriteException;
import dev.lsconsole.restore.PageChanges;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One database file walked forward along a v0.5 chain one LTX file at a time: after each {@link #apply}
 * it holds exactly the state at that file's max TXID (pages written, size set to its commit) and can be
 * opened read-only between steps. The v0.5 twin of {@code restore.WorkingCopy}.
 */
public final class LtxWorkingCopy implements AutoCloseable {
    private final Replica replica;
    private final Path file;
    private final FileChannel ch;
    private final Cancellation cancel;
    private long txid;
    private boolean broken;

    private LtxWorkingCopy(Replica replica, Path file, FileChannel ch, Cancellation cancel) {
        this.replica = replica;
        this.file = file;
        this.ch = ch;
        this.cancel = cancel;
    }

    /** Creates {@code file} (which must not exist) and applies the chain's first file (a snapshot). */
    public static LtxWorkingCopy open(Replica replica, LtxFileInfo snapshot, Path file, Cancellation cancel) {
        return RestoreEngine.createWorkingCopy(file, () -> {
            LtxWorkingCopy wc = new LtxWorkingCopy(replica, file, FileChannel.open(file, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), cancel);
            try {
                wc.apply(snapshot);
            } catch (RuntimeException e) {
                wc.ch.close();
                throw e;
            }
            return wc;
        });
    }

    public Path file() {
        return file;
    }

    public long txid() {
        return txid;
    }

    /** Applies the next file: it must start at or before the next TXID and end after the current one. */
    public void apply(LtxFileInfo f) {
        apply(f, null);
    }

    /** As {@link #apply(LtxFileInfo)}, adding to {@code changed} (if not null) the pages written and the size set. */
    public void apply(LtxFileInfo f, PageChanges changed) {
        if (broken) {
            throw new RestoreException("working copy " + file + " is unusable after an earlier error");
        }
        String name = replica.client().ltxLocation(f);
        if (txid != 0 && (Long.compareUnsigned(f.minTxid(), txid + 1) > 0 || Long.compareUnsigned(f.maxTxid(), txid) <= 0)) {
            throw new RestoreException(name + " does not follow TXID " + LtxNames.txid(txid));
        }
        broken = true;
        try (InputStream in = replica.client().openLtx(f); LtxDecoder dec = new LtxDecoder(in, name)) {
            LtxHeader h = dec.header();
            PageApply.pages(dec, h, ch, cancel, changed);
            PageApply.size(ch, h, changed);
        } catch (PageApply.WriteFailed e) {
            throw new LocalWriteException("cannot write " + file + ": " + LocalFiles.reason(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new RestoreException("cannot apply " + name + " to " + file + ": " + e.getMessage(), e);
        }
        txid = f.maxTxid();
        broken = false;
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            throw new RestoreException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
