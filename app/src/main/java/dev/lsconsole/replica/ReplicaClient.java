package dev.lsconsole.replica;

import java.io.InputStream;
import java.util.List;

/**
 * Read access to one litestream v0.3 replica (the layout under {@code generations/}). Listings are
 * ordered like litestream's: generations by name, snapshots by index, WAL segments by (index, offset).
 * Readers return the object's stored bytes; decoding is {@link ObjectCodec}'s job.
 */
public interface ReplicaClient extends AutoCloseable {
    /** "file" or "s3", as litestream names replica types. */
    String type();

    /** True when objects are read from a local disk, where parallel reads hide no latency. */
    default boolean isLocal() {
        return false;
    }

    /** Where this replica lives, for messages (never includes credentials). */
    String location();

    /** The location of one object, for messages. */
    String objectLocation(String relativeKey);

    List<String> generations();

    ObjectIterator<SnapshotInfo> snapshots(String generation);

    ObjectIterator<WalSegmentInfo> walSegments(String generation);

    /**
     * Every object under the replica's root (keys relative to it, '/'-separated), fetched lazily: one listing
     * of the whole layout, including objects that are not litestream's. Objects of one folder come together
     * and in name order (S3's key order; a file replica walks each folder sorted), so a generation's objects
     * arrive together: its snapshots by index, then its WAL segments by (index, offset).
     */
    ObjectIterator<StoredObject> objects();

    InputStream openSnapshot(String generation, int index);

    InputStream openWalSegment(Pos pos);

    default String snapshotLocation(String generation, int index) {
        return objectLocation(Layout.snapshotKey("", generation, index));
    }

    default String walSegmentLocation(Pos pos) {
        return objectLocation(Layout.walSegmentKey("", pos.generation(), pos.index(), pos.offset()));
    }

    @Override
    default void close() {
    }
}
