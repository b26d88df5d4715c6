package dev.lsconsole.ltx;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Why: litestream v0.5 stores a database as LTX files; this reads one as a stream, page by page,
 * with one page buffer and LZ4 scratch, and checks everything superfly/ltx's Decoder checks (header,
 * page frames, index, CRC-64 file checksum) plus that the index agrees with the frames and that
 * nothing follows the trailer. Any bad input is one LtxException naming the object; after one the
 * decoder stays failed and repeats it.
 */
public final class LtxDecoder implements AutoCloseable {
    private final Source src;
    private final PipedCrc64 crc = new PipedCrc64();
    private final Crc64 framesDigest = new Crc64();
    private final byte[] pageHeader = new byte[PageFrames.HEADER_SIZE];
    private final byte[] digestBuf = new byte[24];
    private LtxHeader header;
    private LtxTrailer trailer;
    private byte[] scratch;
    private long prevPgno;
    private long frames;
    private LtxException failure;

    /** {@code object} is the location (path or URL) named in every message. */
    public LtxDecoder(InputStream in, String object) {
        this.src = new Source(in, object, crc);
    }

    /** Reads and validates the header on the first call. */
    public LtxHeader header() {
        if (header == null) {
            guarded(() -> {
                byte[] b = new byte[LtxHeader.SIZE];
                src.readHashed(b, 0, b.length, "the header");
                header = LtxHeader.parse(b, src.object());
                scratch = new byte[Math.max(16, PageFrames.bound(header.pageSize()))];
                return 0;
            });
        }
        return header;
    }

    /**
     * Reads the next page into buf (length >= page size); returns its page number, or 0 once the
     * pages end — by then the page index, trailer and the CRC-64 file checksum have been read and
     * verified (LtxException otherwise).
     */
    public int nextPage(byte[] buf) {
        LtxHeader h = header();
        if (buf.length < h.pageSize()) {
            throw new IllegalArgumentException("page buffer of " + buf.length + " bytes is smaller than the page size " + h.pageSize());
        }
        if (trailer != null) {
            return 0;
        }
        return guarded(() -> readPage(h, buf));
    }

    /** The trailer, once {@link #nextPage} has returned 0. */
    public LtxTrailer trailer() {
        if (trailer == null) {
            throw new IllegalStateException("the trailer is read once nextPage has returned 0");
        }
        return trailer;
    }

    /** Compressed bytes consumed so far (progress). */
    public long bytesRead() {
        return src.pos();
    }

    @Override
    public void close() {
        src.close();
    }

    /**
     * Decodes one page frame read by a ranged GET at an index entry's offset/size (either encoding),
     * checking it decompresses to exactly the page size. Returns its page number.
     */
    public static int decodeFrame(byte[] frame, int pageSize, byte[] out, String object) {
        if (!LtxHeader.isValidPageSize(pageSize) || out.length < pageSize) {
            throw new IllegalArgumentException("page size " + pageSize + " invalid or buffer of " + out.length + " bytes too small");
        }
        Source s = new Source(new ByteArrayInputStream(frame), object, null);
        byte[] h = new byte[PageFrames.HEADER_SIZE];
        s.read(h, 0, h.length, "the page frame header");
        if (Bytes.allZero(h, 0, h.length)) {
            throw s.fail("page frame holds the end-of-pages marker, not a page");
        }
        int pgno = Bytes.u32(h, 0);
        int flags = Bytes.u16(h, 4);
        PageFrames.checkHeader(s, pgno, flags);
        PageFrames.readData(s, pgno, flags, pageSize, out, new byte[Math.max(16, PageFrames.bound(pageSize))]);
        if (s.pos() != frame.length) {
            throw s.fail("page " + Integer.toUnsignedString(pgno) + " frame has " + (frame.length - s.pos())
                    + " bytes after the page data");
        }
        return pgno;
    }

    private int readPage(LtxHeader h, byte[] buf) {
        long offset = src.pos();
        if (prevPgno == 0) {
            src.readHashed(pageHeader, 0, pageHeader.length, "the first page header");
        } else {
            src.readHashed(pageHeader, 0, pageHeader.length, "the page header after page ", prevPgno, "");
        }
        if (Bytes.allZero(pageHeader, 0, pageHeader.length)) {
            finish(offset);
            return 0;
        }
        int pgno = Bytes.u32(pageHeader, 0);
        int flags = Bytes.u16(pageHeader, 4);
        PageFrames.checkHeader(src, pgno, flags);
        long page = Integer.toUnsignedLong(pgno);
        if (page <= prevPgno) {
            throw src.fail("page numbers not ascending: page " + page + " after page " + prevPgno);
        }
        if (page > h.commit()) {
            throw src.fail("page " + page + " is beyond the database size of " + h.commit() + " pages");
        }
        PageFrames.readData(src, pgno, flags, h.pageSize(), buf, scratch);
        crc.update(buf, 0, h.pageSize());
        digest(framesDigest, digestBuf, page, offset, src.pos() - offset);
        frames++;
        prevPgno = page;
        return pgno;
    }

    /** After the end-of-pages marker at {@code pagesEnd}: index, its length, trailer, checksum, end. */
    private void finish(long pagesEnd) {
        long indexStart = src.pos();
        readIndex(pagesEnd);
        long indexLength = src.pos() - indexStart;
        byte[] b = new byte[8];
        src.readHashed(b, 0, 8, "the page index length");
        if (Bytes.u64(b, 0) != indexLength) {
            throw src.fail("page index length field says " + Long.toUnsignedString(Bytes.u64(b, 0))
                    + " bytes, the index is " + indexLength + " bytes");
        }
        src.readHashed(b, 0, 8, "the trailer");
        long post = Bytes.u64(b, 0);
        src.read(b, 0, 8, "the trailer");
        long stored = Bytes.u64(b, 0);
        long computed = crc.value() | Long.MIN_VALUE;
        if (stored != computed) {
            throw src.fail(String.format("file checksum mismatch (stored %016x, computed %016x)", stored, computed));
        }
        if (!src.atEnd()) {
            throw src.fail("trailing bytes after the trailer (at byte " + src.pos() + ")");
        }
        trailer = new LtxTrailer(post, stored);
    }

    /** Reads the index and checks it lists exactly the frames read, at their offsets and sizes. */
    private void readIndex(long pagesEnd) {
        LtxPageIndex.Checker checker = new LtxPageIndex.Checker(src.object(), pagesEnd);
        Crc64 indexDigest = new Crc64();
        java.util.function.IntSupplier next = () -> src.readHashedByte("the page index");
        long entries = 0;
        while (true) {
            long pgno = LtxPageIndex.number(next, src.object());
            if (pgno == 0) {
                break;
            }
            if (++entries > frames) {
                throw src.fail("page index lists more pages than the " + frames + " page frames read");
            }
            LtxPageIndex.Entry e = checker.check(pgno, LtxPageIndex.number(next, src.object()), LtxPageIndex.number(next, src.object()));
            digest(indexDigest, digestBuf, pgno, e.offset(), e.size());
        }
        if (entries != frames) {
            throw src.fail("page index lists " + entries + " pages, the file has " + frames + " page frames");
        }
        if (indexDigest.value() != framesDigest.value() || checker.prevEnd() != pagesEnd) {
            throw src.fail("page index disagrees with the page frames read (page numbers, offsets or sizes differ)");
        }
    }

    private static void digest(Crc64 d, byte[] b, long pgno, long offset, long size) {
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (pgno >>> (56 - 8 * i));
            b[8 + i] = (byte) (offset >>> (56 - 8 * i));
            b[16 + i] = (byte) (size >>> (56 - 8 * i));
        }
        d.update(b, 0, b.length);
    }

    private int guarded(java.util.function.IntSupplier step) {
        if (failure != null) {
            throw failure;
        }
        try {
            return step.getAsInt();
        } catch (LtxException e) {
            failure = e;
            throw e;
        }
    }
}
