package dev.lsconsole.restore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a decompressed snapshot is a whole SQLite file, so an empty or truncated object is
 * reported by its replica name rather than later, by the temp file it was copied into.
 */
final class SnapshotCheck {
    static final int HEADER = 100;
    private static final String MAGIC = "SQLite format 3\0";

    private SnapshotCheck() {
    }

    /** Where the decoded bytes of a snapshot go while they are read (a file, or nowhere when only checking). */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] buf, int length);
    }

    /**
     * Reads a decoded snapshot to its end in {@code bufferSize} pieces, handing each to {@code sink}, and
     * checks it is a whole SQLite file (the restore and {@code verify} read snapshots the same way).
     */
    static void read(String name, java.io.InputStream in, int bufferSize, Cancellation cancel, Sink sink)
            throws java.io.IOException {
        byte[] buf = new byte[bufferSize];
        byte[] header = new byte[HEADER];
        long size = 0;
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            cancel.check();
            if (size < header.length) {
                System.arraycopy(buf, 0, header, (int) size, (int) Math.min(n, header.length - size));
            }
            size += n;
            sink.accept(buf, n);
        }
        check(name, header, size);
    }

    /** {@code header} holds the first bytes (up to {@value #HEADER}) of the {@code size} bytes decoded. */
    static void check(String name, byte[] header, long size) {
        if (size == 0) {
            throw new RestoreException("empty snapshot " + name + ": it holds no database (0 bytes)");
        }
        if (size < HEADER) {
            throw new RestoreException("truncated snapshot " + name + ": " + size
                    + " bytes, shorter than a SQLite header");
        }
        if (!new String(header, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC)) {
            throw new RestoreException("corrupt snapshot " + name + ": not a SQLite database (bad header)");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int ps = Short.toUnsignedInt(h.getShort(16));
        int pageSize = ps == 1 ? 65536 : ps;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new RestoreException("corrupt snapshot " + name + ": invalid page size " + pageSize);
        }
        if (size % pageSize != 0) {
            throw new RestoreException("truncated snapshot " + name + ": " + size + " bytes is not a whole number of "
                    + pageSize + "-byte pages");
        }
        long pages = Integer.toUnsignedLong(h.getInt(28));
        boolean pagesValid = pages > 0 && h.getInt(24) == h.getInt(92); // SQLite's own validity rule
        if (pagesValid && pages * pageSize > size) {
            throw new RestoreException("truncated snapshot " + name + ": " + size + " bytes but its header says "
                    + pages + " pages of " + pageSize + " bytes");
        }
    }
}
