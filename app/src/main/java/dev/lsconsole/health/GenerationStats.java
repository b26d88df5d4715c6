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

    /** The oldest moment it can be restored to (its oldest snapshot), or null. */
    public Instant oldestSnapshot() {
        return oldestSnapshot;
    }

    public Instant newestSnapshot() {
        return newestSnapshot;
    }

    /** Its folder's key, for problems about the whole generation. */
    public String key() {
        return key;
    }
}
