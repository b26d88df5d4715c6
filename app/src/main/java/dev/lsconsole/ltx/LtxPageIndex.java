package dev.lsconsole.ltx;

import java.util.ArrayList;
import java.util.List;

/**
 * Why: an LTX file ends with an index of where each page's frame lies, so one page can be read with
 * a ranged GET of the file's tail and then of that frame, without downloading the file. Entries are
 * in ascending page order, as ltx writes them.
 */
public record LtxPageIndex(List<Entry> entries) {
    /** Bytes after the index: its u64 length and the 16-byte trailer. */
    public static final int SUFFIX = 8 + LtxTrailer.SIZE;

    public LtxPageIndex {
        entries = List.copyOf(entries);
    }

    /** One page's frame: page number, offset of its 6-byte header in the file, frame size in bytes. */
    public record Entry(int pgno, long offset, long size) {
    }

    /** The index length stored just before the trailer, read from the file's last 24+ bytes. */
    public static long indexLength(byte[] tail, String object) {
        if (tail.length < SUFFIX) {
            throw new LtxException(object, "truncated: the tail holds " + tail.length + " bytes, the trailer and index length need " + SUFFIX);
        }
        return Bytes.u64(tail, tail.length - SUFFIX);
    }

    /**
     * Reads the index from the file's tail bytes (the last N bytes of the file, N >= index + 8 + 16) —
     * for ranged reads.
     */
    public static LtxPageIndex parseTail(byte[] tail, long fileSize, String object) {
        long length = indexLength(tail, object);
        long pagesEnd = fileSize - SUFFIX - length - PageFrames.HEADER_SIZE;
        if (length < 1 || length > fileSize || pagesEnd < LtxHeader.SIZE) {
            throw new LtxException(object, "page index length field " + Long.toUnsignedString(length)
                    + " does not fit in a file of " + fileSize + " bytes");
        }
        if (length > tail.length - SUFFIX) {
            throw new LtxException(object, "the " + tail.length + " tail bytes do not hold the page index of "
                    + length + " bytes (read at least " + (length + SUFFIX) + ")");
        }
        int start = (int) (tail.length - SUFFIX - length);
        if (start >= PageFrames.HEADER_SIZE && !Bytes.allZero(tail, start - PageFrames.HEADER_SIZE, PageFrames.HEADER_SIZE)) {
            throw new LtxException(object, "page index length field " + length + " is wrong: no end-of-pages marker before the index");
        }
        return new LtxPageIndex(entries(tail, start, tail.length - SUFFIX, pagesEnd, object, length));
    }

    private static List<Entry> entries(byte[] b, int start, int end, long pagesEnd, String object, long length) {
        int[] at = {start};
        java.util.function.IntSupplier next = () -> {
            if (at[0] >= end) {
                throw new LtxException(object, "page index length field " + length + " is wrong: the index runs past it");
            }
            return b[at[0]++] & 0xFF;
        };
        List<Entry> entries = new ArrayList<>();
        Checker checker = new Checker(object, pagesEnd);
        while (true) {
            long pgno = number(next, object);
            if (pgno == 0) {
                break;
            }
            entries.add(checker.check(pgno, number(next, object), number(next, object)));
        }
        if (at[0] != end) {
            throw new LtxException(object, "page index length field " + length + " is wrong: the index ends "
                    + (end - at[0]) + " bytes before it");
        }
        return entries;
    }

    static long number(java.util.function.IntSupplier next, String object) {
        Long v = Uvarint.read(next);
        if (v == null || v < 0) {
            throw new LtxException(object, "page index holds a malformed or out-of-range number");
        }
        return v;
    }

    /** Checks entries one by one: ascending pages, frames inside the page area, not overlapping. */
    static final class Checker {
        private final String object;
        private final long pagesEnd;
        private long prevPgno;
        private long prevEnd = LtxHeader.SIZE;

        Checker(String object, long pagesEnd) {
            this.object = object;
            this.pagesEnd = pagesEnd;
        }

        Entry check(long pgno, long offset, long size) {
            if (pgno > 0xFFFFFFFFL) {
                throw new LtxException(object, "page index holds page number " + pgno + ", beyond 32 bits");
            }
            if (pgno <= prevPgno) {
                throw new LtxException(object, "page index not ascending: page " + pgno + " after page " + prevPgno);
            }
            if (offset < LtxHeader.SIZE || size < PageFrames.HEADER_SIZE + 1 || size > pagesEnd - offset) {
                throw new LtxException(object, "page index entry for page " + pgno + " (offset " + offset + ", size " + size
                        + ") points outside the page frames (bytes " + LtxHeader.SIZE + ".." + pagesEnd + ")");
            }
            if (offset < prevEnd) {
                throw new LtxException(object, "page index entry for page " + pgno + " (offset " + offset
                        + ") overlaps the frame before it (which ends at " + prevEnd + ")");
            }
            prevPgno = pgno;
            prevEnd = offset + size;
            return new Entry((int) pgno, offset, size);
        }

        long prevEnd() {
            return prevEnd;
        }
    }
}
