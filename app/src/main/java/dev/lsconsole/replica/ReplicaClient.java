package dev.lsconsole.replica;

import java.io.InputStream;
import java.util.List;

/**
 * Read access to one litestream replica: the v0.3 layout under {@code generations/} and the v0.5 LTX levels
 * (both may share a path after an upgrade). Listings are ordered like litestream's: generations by name,
 * snapshots by index, WAL segments by (index, offset), LTX files by (min, max) TXID.
 * Readers return the object's stored bytes; decoding is {@link ObjectCodec}'s job.
 */
public interface ReplicaClient extends AutoCloseable {
    /** "file" or "s3", as litestream names replica types. */
    String type();

    /** True when objects are read from a local disk, where parallel reads hide no latency. */
    default boolean isLocal() {
        return false;
    }

    /**
     * True when the replica's location itself does not exist (a file replica's folder that was never made):
     * nothing was ever replicated there. An S3 prefix cannot tell; an empty one simply lists nothing.
     */
    default boolean isMissing() {
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

    /**
     * The litestream v0.5 levels (0–9) that hold at least one LTX file's folder, ascending; empty for a
     * v0.3-only replica. One listing of the root's folders.
     */
    List<Integer> ltxLevels();

    /** The v0.5 LTX files of one level in litestream's order (min TXID, then max); empty when it has none. */
    ObjectIterator<LtxFileInfo> ltxFiles(int level);

    /** An LTX file's key relative to the replica's root: the file and S3 layouts differ (see {@link LtxNames}). */
    String ltxKey(int level, long minTxid, long maxTxid);

    InputStream openLtx(LtxFileInfo file);

    /** Bytes {@code [offset, offset + length)} of an LTX file: single pages read through its page index. */
    InputStream openLtxRange(LtxFileInfo file, long offset, long length);

    /**
     * The files with the creation times litestream v0.5.16 plans a timestamp restore with: S3 reads each
     * object's {@code litestream-timestamp} metadata (the LTX header's time; the upload time when absent);
     * a file replica's listing already has them (the mtime litestream sets).
     */
    default List<LtxFileInfo> accurateTimes(List<LtxFileInfo> files) {
        return files;
    }

    default String ltxLocation(LtxFileInfo f) {
        return objectLocation(ltxKey(f.level(), f.minTxid(), f.maxTxid()));
    }

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
