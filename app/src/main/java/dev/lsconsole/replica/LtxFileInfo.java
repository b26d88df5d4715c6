package dev.lsconsole.replica;

import java.time.Instant;

/**
 * One litestream v0.5 LTX file of a replica: its compaction level (0–9, 9 = snapshots), the TXID range it
 * covers, its size, and its creation time as the listing gives it (file: the mtime litestream sets to the
 * LTX header's timestamp; S3: the upload time, or the header's time once {@link ReplicaClient#ltxTimestamps}
 * has read the object metadata).
 */
public record LtxFileInfo(int level, long minTxid, long maxTxid, long size, Instant createdAt) {
    /** Litestream's order within a listing: level, then min TXID, then max TXID. */
    public static final java.util.Comparator<LtxFileInfo> ORDER = java.util.Comparator.comparingInt(LtxFileInfo::level)
            .thenComparing(LtxFileInfo::minTxid, Long::compareUnsigned)
            .thenComparing(LtxFileInfo::maxTxid, Long::compareUnsigned);

    public String name() {
        return LtxNames.fileName(minTxid, maxTxid);
    }

    public boolean isSnapshot() {
        return minTxid == 1;
    }

    public LtxFileInfo withCreatedAt(Instant t) {
        return new LtxFileInfo(level, minTxid, maxTxid, size, t);
    }
}
