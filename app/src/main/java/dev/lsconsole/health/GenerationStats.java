package dev.lsconsole.health;

import dev.lsconsole.replica.LtxFileInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What one pass over a generation's listing tells about it: its time range (litestream's generation
 * bounds), objects and bytes, and its oldest and newest snapshot. Filled one object at a time.
 */
public final class GenerationStats {
    private final String generation;
    private final String key;
    private Instant first;
    private Instant last;
    private String lastKey;
    private int snapshots;
    private long segments;
    private long bytes;
    private Instant oldestSnapshot;
    private Instant newestSnapshot;
    /** The v0.5 chain's newest level-0 files (listing order), whose headers check reads. */
    private final ArrayDeque<LtxFileInfo> newestL0 = new ArrayDeque<>();
    private Instant chainStart;
    private long chainStartTxid;

    GenerationStats(String generation) {
        this(generation, "generations/" + generation + "/");
    }

    /** The v0.5 chain's figures go under the id "ltx" with its own folder key. */
    GenerationStats(String generation, String key) {
        this.generation = generation;
        this.key = key;
    }

    void add(String key, Instant modified, long size, boolean snapshot) {
        first = first == null || modified.isBefore(first) ? modified : first;
        if (last == null || modified.isAfter(last)) {
            last = modified;
            lastKey = key;
        }
        bytes += size;
        if (snapshot) {
            snapshots++;
            oldestSnapshot = oldestSnapshot == null || modified.isBefore(oldestSnapshot) ? modified : oldestSnapshot;
            newestSnapshot = newestSnapshot == null || modified.isAfter(newestSnapshot) ? modified : newestSnapshot;
        } else {
            segments++;
        }
    }

    /** Keeps {@code f} among the newest {@code keep} level-0 files (they arrive in TXID order). */
    void addL0(LtxFileInfo f, int keep) {
        newestL0.addLast(f);
        while (newestL0.size() > keep) {
            newestL0.removeFirst();
        }
    }

    List<LtxFileInfo> newestL0() {
        return List.copyOf(newestL0);
    }

    /**
     * Tells the v0.5 chain about an LTX file holding TXIDs {@code minTxid..maxTxid}: the chain starts at the
     * file from TXID 1 that ends soonest (a level-9 one on a tie), as {@code LtxChain} walks it; that file's
     * time is the chain's first restore point, often an L0 file older than any level-9 snapshot.
     */
    void ltxFile(Instant modified, long minTxid, long maxTxid, boolean snapshotLevel) {
        if (minTxid != 1) {
            return;
        }
        if (chainStart == null || Long.compareUnsigned(maxTxid, chainStartTxid) < 0
                || maxTxid == chainStartTxid && snapshotLevel) {
            chainStart = modified;
            chainStartTxid = maxTxid;
        }
    }

    public String generation() {
        return generation;
    }

    /** Creation time of its oldest object (null when it holds none). */
    public Instant first() {
        return first;
    }

    /** Creation time of its newest object. */
    public Instant last() {
        return last;
    }

    /** Key of its newest object. */
    public String lastKey() {
        return lastKey;
    }

    public int snapshots() {
        return snapshots;
    }

    public long segments() {
        return segments;
    }

    public long objects() {
        return snapshots + segments;
    }

    public long bytes() {
        return bytes;
    }

    /** Its oldest snapshot (a v0.5 chain: its oldest level-9 file), or null. */
    public Instant oldestSnapshot() {
        return oldestSnapshot;
    }

    /**
     * The oldest moment it can be restored to, or null: a v0.3 generation's oldest snapshot; the v0.5
     * chain's first restore point (the time of its start file, from the listing, as the timeline shows it).
     */
    public Instant restorableFrom() {
        return chainStart != null ? chainStart : oldestSnapshot;
    }

    public Instant newestSnapshot() {
        return newestSnapshot;
    }

    /** Its folder's key, for problems about the whole generation. */
    public String key() {
        return key;
    }
}
