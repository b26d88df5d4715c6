package dev.lsconsole.ltx;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Why: a page frame is a 6-byte header (pgno, flags) and the page compressed one of two ways —
 * flag 0x1 (ltx v0.5.2, litestream v0.5.16+): a u32 size and an LZ4 block; otherwise (litestream
 * v0.5.0–v0.5.15): one LZ4 frame. Both the streaming decoder and ranged single-page reads decode
 * them here. The frame reader is our own because the replica package's Lz4FrameReader reads
 * frames until end of stream (it would run into the next page header); this one reads exactly one
 * frame and no byte more, and bounds every block by the page size.
 */
final class PageFrames {
    static final int HEADER_SIZE = 6;
    static final int FLAG_SIZE = 0x1;
    private static final int LZ4_MAGIC = 0x184D2204;
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXH32 = XXHashFactory.fastestInstance().hash32();

    private PageFrames() {
    }

    /** LZ4's worst-case compressed size of one page. */
    static int bound(int pageSize) {
        return pageSize + pageSize / 255 + 16;
    }

    /** Checks a non-zero page header. */
    static void checkHeader(Source s, int pgno, int flags) {
        if (pgno == 0) {
            throw s.fail(String.format("page header with page number 0 (flags 0x%04x) where a page is expected", flags));
        }
        if ((flags & ~FLAG_SIZE) != 0) {
            throw s.fail(String.format("page %s: unknown page header flags 0x%04x", Integer.toUnsignedString(pgno), flags));
        }
    }

    /** Reads the page data after its header and decompresses it into {@code out[0, pageSize)}. */
    static void readData(Source s, int pgno, int flags, int pageSize, byte[] out, byte[] scratch) {
        long page = Integer.toUnsignedLong(pgno); // named in messages only when something is wrong
        if ((flags & FLAG_SIZE) != 0) {
            readBlock(s, page, pageSize, out, scratch);
        } else {
            readFrame(s, page, pageSize, out, scratch);
        }
    }

    private static String name(long page) {
        return "page " + page;
    }

    private static void readBlock(Source s, long page, int pageSize, byte[] out, byte[] scratch) {
        s.readHashed(scratch, 0, 4, "page ", page, " compressed size");
        long size = Bytes.u32(scratch, 0) & 0xFFFFFFFFL;
        if (size == 0 || size > bound(pageSize)) {
            throw s.fail(name(page) + ": compressed size " + size + " out of range (1.." + bound(pageSize) + ")");
        }
        s.read(scratch, 0, (int) size, "page ", page, " compressed data");
        int n = decompress(s, page, scratch, (int) size, out, 0, pageSize);
        if (n != pageSize) {
            throw s.fail(name(page) + " decompresses to " + n + " bytes, expected the page size " + pageSize);
        }
    }

    private static void readFrame(Source s, long page, int pageSize, byte[] out, byte[] scratch) {
        int maxBlock = readFrameHeader(s, page, pageSize, scratch);
        boolean blockChecksum = (scratch[4] & 0x10) != 0;
        boolean contentChecksum = (scratch[4] & 0x04) != 0;
        int total = 0;
        while (true) {
            s.read(scratch, 0, 4, "page ", page, " LZ4 block size");
            int word = Bytes.le32(scratch, 0);
            if (word == 0) {
                break;
            }
            int size = word & 0x7FFFFFFF;
            if (size > maxBlock || size > bound(pageSize)) {
                throw s.fail(name(page) + ": LZ4 block of " + size + " bytes is larger than a page could need");
            }
            s.read(scratch, 0, size, "page ", page, " LZ4 block");
            if (blockChecksum) {
                checkXxh(s, name(page) + " LZ4 block", scratch, size);
            }
            total += word < 0 ? copyRaw(s, page, scratch, size, out, total, pageSize)
                    : decompress(s, page, scratch, size, out, total, pageSize - total);
        }
        if (contentChecksum) {
            checkXxh(s, name(page) + " LZ4 content", out, total);
        }
        if (total != pageSize) {
            throw s.fail(name(page) + " decompresses to " + total + " bytes, expected the page size " + pageSize);
        }
    }

    /** Reads and checks an LZ4 frame descriptor (left in scratch[0..]); returns the maximum block size. */
    private static int readFrameHeader(Source s, long page, int pageSize, byte[] scratch) {
        s.read(scratch, 0, 7, "page ", page, " LZ4 frame header");
        if (Bytes.le32(scratch, 0) != LZ4_MAGIC) {
            throw s.fail(name(page) + ": not an LZ4 frame (magic 0x" + Integer.toHexString(Bytes.le32(scratch, 0)) + ")");
        }
        int flg = scratch[4] & 0xFF;
        if ((flg >>> 6) != 1 || (flg & 0x03) != 0) {
            throw s.fail(name(page) + String.format(": unsupported LZ4 frame descriptor 0x%02x", flg));
        }
        int headerLength = 7;
        if ((flg & 0x08) != 0) {
            s.read(scratch, 7, 8, "page ", page, " LZ4 frame header");
            headerLength = 15;
            long contentSize = Bytes.u64(scratch, 7);
            if (Long.reverseBytes(contentSize) != pageSize) {
                throw s.fail(name(page) + ": LZ4 frame content size " + Long.reverseBytes(contentSize) + " is not the page size " + pageSize);
            }
        }
        int hc = (XXH32.hash(scratch, 4, headerLength - 5, 0) >>> 8) & 0xFF;
        if (hc != (scratch[headerLength - 1] & 0xFF)) {
            throw s.fail(name(page) + ": LZ4 frame header checksum mismatch");
        }
        int code = (scratch[5] >>> 4) & 7;
        if (code < 4) {
            throw s.fail(name(page) + ": invalid LZ4 block size code " + code);
        }
        return 1 << (8 + 2 * code);
    }

    private static int copyRaw(Source s, long page, byte[] src, int size, byte[] out, int at, int pageSize) {
        if (size > pageSize - at) {
            throw s.fail(name(page) + " decompresses to more than the page size " + pageSize);
        }
        System.arraycopy(src, 0, out, at, size);
        return size;
    }

    private static int decompress(Source s, long page, byte[] src, int size, byte[] out, int at, int max) {
        try {
            return LZ4.decompress(src, 0, size, out, at, max);
        } catch (RuntimeException e) { // LZ4Exception, or an index error from a malformed block
            throw s.fail(name(page) + ": LZ4 data is corrupt or decompresses to more than the page size (" + e.getMessage() + ")");
        }
    }

    /** Reads a little-endian XXH32 and compares it with the hash of data[0, len). */
    private static void checkXxh(Source s, String what, byte[] data, int len) {
        byte[] four = new byte[4];
        s.read(four, 0, 4, what + " checksum");
        if (Bytes.le32(four, 0) != XXH32.hash(data, 0, len, 0)) {
            throw s.fail(what + " checksum mismatch");
        }
    }

}
