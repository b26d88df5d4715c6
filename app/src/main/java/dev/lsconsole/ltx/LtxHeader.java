package dev.lsconsole.ltx;

import java.time.Instant;

/**
 * Why: the 100-byte start of an LTX file (big-endian) says which transactions the file holds, its
 * page size and database size; it is checked as superfly/ltx's Header.Validate checks it before any
 * page is trusted. TXIDs, checksums and the node ID are unsigned 64-bit values held in longs;
 * {@code commit} is an unsigned 32-bit page count.
 */
public record LtxHeader(int flags, int pageSize, long commit, long minTxid, long maxTxid, long timestampMillis,
        long preApplyChecksum, long walOffset, long walSize, int walSalt1, int walSalt2, long nodeId) {
    public static final int SIZE = 100;
    /** Header flag: no rolling checksums are tracked (litestream v0.5 always sets it). */
    public static final int FLAG_NO_CHECKSUM = 0x2;
    private static final int FLAG_MASK = FLAG_NO_CHECKSUM;
    private static final int MAGIC = 0x4C545831; // "LTX1"

    /** Parses and validates the first 100 bytes of an LTX file; {@code object} names it in errors. */
    public static LtxHeader parse(byte[] hundredBytes, String object) {
        if (hundredBytes.length < SIZE) {
            throw new LtxException(object, "truncated in the header (" + hundredBytes.length + " of " + SIZE + " bytes)");
        }
        byte[] b = hundredBytes;
        if (Bytes.u32(b, 0) != MAGIC) {
            throw new LtxException(object, "bad magic (not an LTX file): 0x" + String.format("%08x", Bytes.u32(b, 0)));
        }
        LtxHeader h = new LtxHeader(Bytes.u32(b, 4), Bytes.u32(b, 8), Bytes.u32(b, 12) & 0xFFFFFFFFL,
                Bytes.u64(b, 16), Bytes.u64(b, 24), Bytes.u64(b, 32), Bytes.u64(b, 40), Bytes.u64(b, 48),
                Bytes.u64(b, 56), Bytes.u32(b, 64), Bytes.u32(b, 68), Bytes.u64(b, 72));
        String problem = h.problem();
        if (problem != null) {
            throw new LtxException(object, problem);
        }
        return h;
    }

    /** True for a full snapshot: the file starts at transaction 1 and holds every page. */
    public boolean isSnapshot() {
        return minTxid == 1;
    }

    public boolean noChecksum() {
        return (flags & FLAG_NO_CHECKSUM) != 0;
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestampMillis);
    }

    /** SQLite page size is a power of two from 512 to 65536. */
    public static boolean isValidPageSize(int size) {
        return size >= 512 && size <= 65536 && Integer.bitCount(size) == 1;
    }

    /** The first rule of ltx's Header.Validate this header breaks, or null. */
    private String problem() {
        if ((flags & ~FLAG_MASK) != 0) {
            return String.format("unknown header flags 0x%08x", flags);
        }
        if (!isValidPageSize(pageSize)) {
            return "invalid page size " + Integer.toUnsignedString(pageSize);
        }
        if (minTxid == 0) {
            return "minimum TXID is 0";
        }
        if (maxTxid == 0) {
            return "maximum TXID is 0";
        }
        if (Long.compareUnsigned(minTxid, maxTxid) > 0) {
            return String.format("min TXID %016x is after max TXID %016x", minTxid, maxTxid);
        }
        String wal = walProblem();
        return wal != null ? wal : checksumProblem();
    }

    private String walProblem() {
        if (walOffset < 0) {
            return "negative WAL offset " + walOffset;
        }
        if (walSize < 0) {
            return "negative WAL size " + walSize;
        }
        if ((walSalt1 != 0 || walSalt2 != 0) && walOffset == 0) {
            return "WAL salt set without a WAL offset";
        }
        if (walOffset == 0 && walSize != 0) {
            return "WAL size set without a WAL offset";
        }
        return null;
    }

    private String checksumProblem() {
        if (isSnapshot() || noChecksum()) {
            return preApplyChecksum == 0 ? null
                    : (isSnapshot() ? "pre-apply checksum must be zero on a snapshot" : "pre-apply checksum set on a file without checksums");
        }
        if (preApplyChecksum == 0) {
            return "pre-apply checksum missing on an incremental file";
        }
        return preApplyChecksum < 0 ? null : "invalid pre-apply checksum format (bit 63 not set)";
    }
}
