package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad LTX input, made by mutating the real Go-written fixtures (re-sealed with a valid
 * file checksum where the intended check comes before it), must give exactly one LtxException whose
 * one-line message names the object and the problem — never another exception, never a hang.
 */
class LtxBadInputTest {
    private static final String OBJ = "s3://b/p/0000/0000000000000001-0000000000000005.ltx";
    private static final String BLOCK = "snap4096-v052.ltx";
    private static final String FRAME = "snap512-v051.ltx";
    private static final String INCR = "incr4096-v052.ltx";
    private static final byte[] BUF = new byte[65536];

    private static byte[] file(String name) {
        return LtxFixtures.bytes(name);
    }

    private static List<LtxPageIndex.Entry> index(String name) {
        return LtxFixtures.expected().get(name).index();
    }

    private static int pageSize(String name) {
        return LtxFixtures.expected().get(name).header().pageSize();
    }

    /** Decodes everything and returns the problem of the one LtxException it must throw. */
    private static String problem(byte[] ltx) {
        return problem(new ByteArrayInputStream(ltx));
    }

    private static String problem(InputStream in) {
        LtxDecoder dec = new LtxDecoder(in, OBJ);
        try {
            while (dec.nextPage(BUF) != 0) {
                // keep reading
            }
        } catch (LtxException e) {
            assertOneLine(e);
            assertThatThrownBy(() -> dec.nextPage(BUF)).as("stays failed").isSameAs(e);
            return e.problem();
        }
        return fail("no LtxException for a bad file");
    }

    private static void assertOneLine(LtxException e) {
        assertThat(e.getMessage()).isEqualTo(OBJ + ": " + e.problem()).doesNotContain("\n");
        assertThat(e.object()).isEqualTo(OBJ);
    }

    // ---- header ----

    @Test
    void badMagic() {
        byte[] b = file(BLOCK);
        b[0] = 'X';
        assertThat(problem(b)).startsWith("bad magic (not an LTX file)");
    }

    @Test
    void unknownFlagBits() {
        byte[] b = file(BLOCK);
        LtxFixtures.putU32(b, 4, 0x6);
        assertThat(problem(b)).isEqualTo("unknown header flags 0x00000006");
    }

    @Test
    void invalidPageSizes() {
        for (long size : new long[] {0, 256, 1000, 4097, 131072, 0xFFFFFFFFL}) {
            byte[] b = file(BLOCK);
            LtxFixtures.putU32(b, 8, size);
            assertThat(problem(b)).isEqualTo("invalid page size " + size);
        }
    }

    @Test
    void minTxidAfterMaxTxid() {
        byte[] b = file(INCR);
        LtxFixtures.putU64(b, 16, 9);
        assertThat(problem(b)).isEqualTo("min TXID 0000000000000009 is after max TXID 0000000000000008");
    }

    @Test
    void otherHeaderRulesOfLtxValidate() {
        byte[] zeroMin = file(INCR);
        LtxFixtures.putU64(zeroMin, 16, 0);
        assertThat(problem(zeroMin)).isEqualTo("minimum TXID is 0");
        byte[] preApply = file(BLOCK);
        LtxFixtures.putU64(preApply, 40, 0x8000000000000001L);
        assertThat(problem(preApply)).isEqualTo("pre-apply checksum must be zero on a snapshot");
        byte[] walSize = file(BLOCK);
        LtxFixtures.putU64(walSize, 56, 100);
        assertThat(problem(walSize)).isEqualTo("WAL size set without a WAL offset");
        byte[] salt = file(INCR);
        LtxFixtures.putU64(salt, 48, 0);
        LtxFixtures.putU64(salt, 56, 0);
        assertThat(problem(salt)).isEqualTo("WAL salt set without a WAL offset");
    }

    @Test
    void headerParseNamesTheObject() {
        assertThatThrownBy(() -> LtxHeader.parse(new byte[10], OBJ)).isInstanceOf(LtxException.class)
                .hasMessage(OBJ + ": truncated in the header (10 of 100 bytes)");
    }

    // ---- truncation anywhere ----

    @Test
    void everyTruncationOfBothEncodingsIsReportedAsTruncated() {
        for (String name : new String[] {BLOCK, FRAME, "incr65536-v051.ltx"}) {
            byte[] whole = file(name);
            // Every cut in the first and last 400 bytes (header, first frames, index, trailer), every 7th between.
            for (int n = 0; n < whole.length; n += n < 400 || n > whole.length - 400 ? 1 : 7) {
                String p = problem(Arrays.copyOf(whole, n));
                assertThat(p).as("%s cut to %d bytes", name, n).startsWith("truncated in ").endsWith(" at byte " + n);
            }
        }
    }

    @Test
    void truncationSaysWhere() {
        byte[] block = file(BLOCK);
        List<LtxPageIndex.Entry> ix = index(BLOCK);
        assertThat(problem(Arrays.copyOf(block, 50))).isEqualTo("truncated in the header at byte 50");
        assertThat(problem(Arrays.copyOf(block, 103))).isEqualTo("truncated in the first page header at byte 103");
        assertThat(problem(Arrays.copyOf(block, 120))).isEqualTo("truncated in page 1 compressed data at byte 120");
        long page2 = ix.get(1).offset();
        assertThat(problem(Arrays.copyOf(block, (int) page2 + 2))).isEqualTo("truncated in the page header after page 1 at byte " + (page2 + 2));
        long indexStart = ix.get(ix.size() - 1).offset() + ix.get(ix.size() - 1).size() + 6;
        assertThat(problem(Arrays.copyOf(block, (int) indexStart + 3))).isEqualTo("truncated in the page index at byte " + (indexStart + 3));
        assertThat(problem(Arrays.copyOf(block, block.length - 20))).startsWith("truncated in the page index length");
        assertThat(problem(Arrays.copyOf(block, block.length - 4))).startsWith("truncated in the trailer");
        byte[] frame = file(FRAME);
        assertThat(problem(Arrays.copyOf(frame, 110))).isEqualTo("truncated in page 1 LZ4 frame header at byte 110");
        assertThat(problem(Arrays.copyOf(frame, 115))).isEqualTo("truncated in page 1 LZ4 block size at byte 115");
        assertThat(problem(Arrays.copyOf(frame, 120))).isEqualTo("truncated in page 1 LZ4 block at byte 120");
    }

    // ---- page frames ----

    @Test
    void blockPageDecompressingToTheWrongSize() {
        assertThat(problem(replaceFirstPageBlock(4095))).isEqualTo("page 1 decompresses to 4095 bytes, expected the page size 4096");
        assertThat(problem(replaceFirstPageBlock(4097))).startsWith("page 1: LZ4 data is corrupt or decompresses to more than the page size");
    }

    @Test
    void framePageDecompressingToTheWrongSize() throws IOException {
        assertThat(problem(replaceFirstPageFrame(511))).isEqualTo("page 1 decompresses to 511 bytes, expected the page size 512");
        assertThat(problem(replaceFirstPageFrame(513))).startsWith("page 1: LZ4 data is corrupt or decompresses to more than the page size");
    }

    @Test
    void lz4FrameContentChecksum() {
        byte[] b = file(FRAME);
        LtxPageIndex.Entry first = index(FRAME).get(0);
        b[(int) (first.offset() + first.size() - 1)] ^= 1;
        assertThat(problem(b)).isEqualTo("page 1 LZ4 content checksum mismatch");
    }

    @Test
    void compressedSizeOutOfRange() {
        byte[] b = file(BLOCK);
        LtxFixtures.putU32(b, 106, 0);
        assertThat(problem(b)).isEqualTo("page 1: compressed size 0 out of range (1.." + (4096 + 4096 / 255 + 16) + ")");
        LtxFixtures.putU32(b, 106, 0xFFFFFFF0L);
        assertThat(problem(b)).startsWith("page 1: compressed size 4294967280 out of range");
    }

    @Test
    void pageNumbersNotAscending() {
        byte[] b = file(BLOCK);
        LtxFixtures.putU32(b, (int) index(BLOCK).get(2).offset(), 2);
        assertThat(problem(b)).isEqualTo("page numbers not ascending: page 2 after page 2");
    }

    @Test
    void pageNumberZeroWhereAPageIsExpected() {
        byte[] b = file(BLOCK);
        LtxFixtures.putU32(b, (int) index(BLOCK).get(1).offset(), 0);
        assertThat(problem(b)).isEqualTo("page header with page number 0 (flags 0x0001) where a page is expected");
    }

    @Test
    void unknownPageFlags() {
        byte[] b = file(BLOCK);
        b[105] = 3;
        assertThat(problem(b)).isEqualTo("page 1: unknown page header flags 0x0003");
    }

    @Test
    void pageBeyondTheCommitSize() {
        byte[] b = file(BLOCK);
        LtxFixtures.putU32(b, 12, 5);
        assertThat(problem(b)).isEqualTo("page 6 is beyond the database size of 5 pages");
    }

    // ---- page index, its length, checksum, end ----

    @Test
    void indexEntryPointingOutsideTheFile() {
        List<long[]> e = entries(INCR);
        e.get(3)[1] = file(INCR).length;
        assertThat(problem(withIndex(INCR, e, null))).startsWith("page index entry for page 7 (offset " + file(INCR).length)
                .contains("points outside the page frames");
    }

    @Test
    void indexEntriesDisagreeingWithTheFrames() {
        List<long[]> pgno = entries(INCR);
        pgno.get(3)[0] = 9;
        assertThat(problem(withIndex(INCR, pgno, null))).isEqualTo("page index disagrees with the page frames read (page numbers, offsets or sizes differ)");
        List<long[]> size = entries(INCR);
        size.get(1)[2] -= 1;
        assertThat(problem(withIndex(INCR, size, null))).isEqualTo("page index disagrees with the page frames read (page numbers, offsets or sizes differ)");
        List<long[]> overlap = entries(INCR);
        overlap.get(1)[2] += 1;
        assertThat(problem(withIndex(INCR, overlap, null))).contains("overlaps the frame before it");
        List<long[]> missing = entries(INCR);
        missing.remove(2);
        assertThat(problem(withIndex(INCR, missing, null))).isEqualTo("page index lists 3 pages, the file has 4 page frames");
        List<long[]> extra = entries(INCR);
        extra.add(new long[] {9, 100, 10});
        assertThat(problem(withIndex(INCR, extra, null))).isEqualTo("page index lists more pages than the 4 page frames read");
        List<long[]> order = entries(INCR);
        order.add(1, order.remove(2));
        assertThat(problem(withIndex(INCR, order, null))).isEqualTo("page index not ascending: page 2 after page 3");
    }

    @Test
    void resealedIndexWithoutChangesDecodes() {
        byte[] same = withIndex(INCR, entries(INCR), null);
        assertThat(same).isEqualTo(file(INCR)); // the rewriting helper itself is exact
    }

    @Test
    void indexLengthFieldWrong() {
        long real = LtxPageIndex.indexLength(file(INCR), OBJ);
        assertThat(problem(withIndex(INCR, entries(INCR), real + 1)))
                .isEqualTo("page index length field says " + (real + 1) + " bytes, the index is " + real + " bytes");
    }

    @Test
    void fileChecksumMismatch() {
        byte[] reserved = file(BLOCK);
        reserved[90] = 1; // reserved header bytes are not validated, only checksummed
        String stored = String.format("%016x", LtxFixtures.u64(reserved, reserved.length - 8));
        String computed = String.format("%016x", LtxFixtures.fileChecksum(reserved, index(BLOCK), 4096));
        assertThat(problem(reserved)).isEqualTo("file checksum mismatch (stored " + stored + ", computed " + computed + ")");
        byte[] post = file(FRAME);
        post[post.length - 9] ^= 1;
        assertThat(problem(post)).startsWith("file checksum mismatch (stored ");
        byte[] storedFlip = file(FRAME);
        storedFlip[storedFlip.length - 1] ^= 1;
        assertThat(problem(storedFlip)).startsWith("file checksum mismatch (stored ");
    }

    @Test
    void trailingGarbage() {
        byte[] b = Arrays.copyOf(file(BLOCK), file(BLOCK).length + 3);
        assertThat(problem(b)).isEqualTo("trailing bytes after the trailer (at byte " + file(BLOCK).length + ")");
    }

    @Test
    void readFailureIsOneLine() {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 200) {
                    throw new IOException("connection reset");
                }
                return file(BLOCK)[n - 1] & 0xFF;
            }
        };
        assertThat(problem(failing)).startsWith("read failed in ").endsWith(": connection reset");
    }

    @Test
    void randomCorruptionOnlyEverGivesLtxExceptionOrTheSamePages() {
        Random r = new Random(20261130);
        int accepted = 0;
        for (String name : new String[] {BLOCK, FRAME, INCR, "incr65536-v051.ltx"}) {
            byte[] whole = file(name);
            List<String> pages = pageHashes(whole);
            for (int i = 0; i < 300; i++) {
                byte[] b = whole.clone();
                for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                List<String> got;
                try {
                    got = pageHashes(b);
                } catch (LtxException e) {
                    assertOneLine(e);
                    continue;
                }
                // Accepted only if it still holds exactly the same pages: LZ4 can encode the same bytes
                // differently (e.g. another match offset inside a run of zeros), which the checksum,
                // taken over decompressed pages as in ltx, rightly does not see.
                assertThat(got).as("%s mutation %d accepted", name, i).isEqualTo(pages);
                accepted++;
            }
        }
        assertThat(accepted).as("mutations accepted").isLessThan(60);
    }

    /** pgno:sha256 of each page, throwing LtxException on bad input. */
    private static List<String> pageHashes(byte[] ltx) {
        List<String> out = new ArrayList<>();
        try (LtxDecoder dec = new LtxDecoder(new ByteArrayInputStream(ltx), OBJ)) {
            byte[] buf = new byte[dec.header().pageSize()];
            for (int p; (p = dec.nextPage(buf)) != 0;) {
                out.add(p + ":" + LtxFixtures.sha256(buf, 0, buf.length));
            }
            out.add("trailer:" + dec.trailer());
        }
        return out;
    }

    // ---- ranged reads: tail index and single frames ----

    @Test
    void tailIndexProblems() {
        byte[] f = file(INCR);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(new byte[10], f.length, OBJ)).isInstanceOf(LtxException.class)
                .hasMessage(OBJ + ": truncated: the tail holds 10 bytes, the trailer and index length need 24");
        byte[] huge = f.clone();
        LtxFixtures.putU64(huge, huge.length - 24, f.length);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(huge, f.length, OBJ)).isInstanceOf(LtxException.class)
                .hasMessage(OBJ + ": page index length field " + f.length + " does not fit in a file of " + f.length + " bytes");
        long len = LtxPageIndex.indexLength(f, OBJ);
        byte[] shortTail = Arrays.copyOfRange(f, f.length - 24 - (int) len + 1, f.length);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(shortTail, f.length, OBJ)).isInstanceOf(LtxException.class)
                .hasMessageContaining("tail bytes do not hold the page index of " + len + " bytes");
        byte[] longer = f.clone();
        LtxFixtures.putU64(longer, longer.length - 24, len + 1);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(longer, f.length, OBJ)).isInstanceOf(LtxException.class)
                .hasMessageStartingWith(OBJ + ": page index length field " + (len + 1) + " is wrong");
        byte[] shorter = f.clone();
        LtxFixtures.putU64(shorter, shorter.length - 24, len - 1);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(Arrays.copyOfRange(shorter, shorter.length - 24 - (int) len + 1, shorter.length), f.length, OBJ))
                .isInstanceOf(LtxException.class).hasMessageStartingWith(OBJ + ": page index");
        List<long[]> outside = entries(INCR);
        outside.get(0)[1] = 50;
        byte[] bad = withIndex(INCR, outside, null);
        assertThatThrownBy(() -> LtxPageIndex.parseTail(bad, bad.length, OBJ)).isInstanceOf(LtxException.class)
                .hasMessage(OBJ + ": page index entry for page 1 (offset 50, size " + outside.get(0)[2]
                        + ") points outside the page frames (bytes 100.." + (bad.length - 24 - len - 6) + ")");
    }

    @Test
    void singleFrameProblems() {
        for (String name : new String[] {BLOCK, FRAME}) {
            byte[] f = file(name);
            LtxPageIndex.Entry e = index(name).get(1);
            int ps = pageSize(name);
            byte[] frame = Arrays.copyOfRange(f, (int) e.offset(), (int) (e.offset() + e.size()));
            byte[] out = new byte[65536];
            assertThatThrownBy(() -> LtxDecoder.decodeFrame(Arrays.copyOf(frame, frame.length - 1), ps, out, OBJ))
                    .isInstanceOf(LtxException.class).hasMessageStartingWith(OBJ + ": truncated in page 2 ");
            assertThatThrownBy(() -> LtxDecoder.decodeFrame(Arrays.copyOf(frame, frame.length + 2), ps, out, OBJ))
                    .isInstanceOf(LtxException.class).hasMessage(OBJ + ": page 2 frame has 2 bytes after the page data");
            assertThatThrownBy(() -> LtxDecoder.decodeFrame(frame, ps * 2, out, OBJ)).isInstanceOf(LtxException.class)
                    .hasMessage(OBJ + ": page 2 decompresses to " + ps + " bytes, expected the page size " + (ps * 2));
            assertThatThrownBy(() -> LtxDecoder.decodeFrame(new byte[6], ps, out, OBJ)).isInstanceOf(LtxException.class)
                    .hasMessage(OBJ + ": page frame holds the end-of-pages marker, not a page");
            assertThatThrownBy(() -> LtxDecoder.decodeFrame(new byte[3], ps, out, OBJ)).isInstanceOf(LtxException.class)
                    .hasMessage(OBJ + ": truncated in the page frame header at byte 3");
        }
    }

    // ---- helpers that build mutated files ----

    private static List<long[]> entries(String name) {
        List<long[]> out = new ArrayList<>();
        for (LtxPageIndex.Entry e : index(name)) {
            out.add(new long[] {e.pgno(), e.offset(), e.size()});
        }
        return out;
    }

    /** The file with its page index replaced (length field = real length unless given), re-sealed. */
    private static byte[] withIndex(String name, List<long[]> entries, Long lengthField) {
        byte[] f = file(name);
        List<LtxPageIndex.Entry> frames = index(name);
        LtxPageIndex.Entry last = frames.get(frames.size() - 1);
        int indexStart = (int) (last.offset() + last.size()) + 6;
        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        for (long[] e : entries) {
            LtxFixtures.uvarint(idx, e[0]);
            LtxFixtures.uvarint(idx, e[1]);
            LtxFixtures.uvarint(idx, e[2]);
        }
        LtxFixtures.uvarint(idx, 0);
        byte[] out = new byte[indexStart + idx.size() + 24];
        System.arraycopy(f, 0, out, 0, indexStart);
        System.arraycopy(idx.toByteArray(), 0, out, indexStart, idx.size());
        LtxFixtures.putU64(out, indexStart + idx.size(), lengthField == null ? idx.size() : lengthField);
        System.arraycopy(f, f.length - 16, out, out.length - 16, 8); // post-apply checksum
        return LtxFixtures.reseal(out, frames, pageSize(name));
    }

    /** BLOCK with page 1's LZ4 block replaced by one of {@code n} bytes of page 1 (0-padded). */
    private static byte[] replaceFirstPageBlock(int n) {
        byte[] f = file(BLOCK);
        LtxPageIndex.Entry first = index(BLOCK).get(0);
        byte[] page = Arrays.copyOf(pageOne(BLOCK), n);
        byte[] block = LZ4Factory.safeInstance().fastCompressor().compress(page);
        byte[] data = new byte[10 + block.length];
        System.arraycopy(f, 100, data, 0, 6);
        LtxFixtures.putU32(data, 6, block.length);
        System.arraycopy(block, 0, data, 10, block.length);
        return splice(f, first, data);
    }

    /** FRAME with page 1's LZ4 frame replaced by one (lz4-java, content checksum) of {@code n} bytes. */
    private static byte[] replaceFirstPageFrame(int n) throws IOException {
        byte[] f = file(FRAME);
        LtxPageIndex.Entry first = index(FRAME).get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(f, 100, 6);
        try (LZ4FrameOutputStream z = new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            z.write(Arrays.copyOf(pageOne(FRAME), n));
        }
        return splice(f, first, out.toByteArray());
    }

    private static byte[] pageOne(String name) {
        byte[] page = new byte[pageSize(name)];
        LtxDecoder.decodeFrame(Arrays.copyOfRange(file(name), 100, (int) (100 + index(name).get(0).size())), page.length, page, OBJ);
        return page;
    }

    private static byte[] splice(byte[] f, LtxPageIndex.Entry at, byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(f, 0, (int) at.offset());
        out.write(frame, 0, frame.length);
        out.write(f, (int) (at.offset() + at.size()), f.length - (int) (at.offset() + at.size()));
        return out.toByteArray();
    }
}
