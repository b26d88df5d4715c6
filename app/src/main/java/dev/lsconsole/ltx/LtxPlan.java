package dev.lsconsole.ltx;

import dev.lsconsole.history.Format;
import dev.lsconsole.history.History;
import dev.lsconsole.history.Plan;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.Replica;
import java.time.Instant;
import java.util.List;

/**
 * Exactly what a v0.5 restore will read: LTX files in apply order (a snapshot from level 9 unless the chain
 * starts at TXID 1 below it, then files that extend the TXID range), with the target asked for. Pages are
 * applied newest-wins, then the file is cut to the last file's commit size.
 */
public record LtxPlan(Replica replica, List<LtxFileInfo> files, long targetTxid, Instant requested,
                      Instant restoresTo, List<String> notes) implements Plan {
    public LtxPlan {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("an LTX plan needs at least one file");
        }
    }

    @Override
    public Format format() {
        return Format.V05;
    }

    @Override
    public String historyId() {
        return History.LTX_ID;
    }

    @Override
    public int objectCount() {
        return files.size();
    }

    /** The TXID the restored database will be at. */
    public long maxTxid() {
        return files.get(files.size() - 1).maxTxid();
    }

    /**
     * The moment the restored state is from: the LTX timestamp of its last transaction ({@link LtxPlanner}
     * works it out; a snapshot's own timestamp is when it was taken, later).
     */
    @Override
    public Instant restoresTo() {
        return restoresTo;
    }

    @Override
    public long bytes() {
        return files.stream().mapToLong(LtxFileInfo::size).sum();
    }
}
