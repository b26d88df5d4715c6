package dev.lsconsole.ltx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Why: the LTX tests compare against files and values produced by the real Go library
 * (resources/ltxgen, expected.tsv) and the real litestream v0.5.16 binary; this loads them and
 * computes an LTX file checksum independently of the decoder (lz4-java only) to re-seal mutated files.
 */
final class LtxFixtures {
    record Expected(String name, LtxHeader header, List<long[]> pages, List<String> pageSha, List<LtxPageIndex.Entry> index,
            LtxTrailer trailer, long size) {
    }

    private LtxFixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = LtxFixtures.class.getResourceAsStream("/ltx/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /ltx/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** expected.tsv, as printed by the Go program, by file name. */
    static Map<String, Expected> expected() {
        Map<String, Expected> all = new LinkedHashMap<>();
        Builder b = null;
        for (String line : text("expected.tsv").split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "file" -> b = new Builder(f[1]);
                case "header" -> b.header = new LtxHeader((int) l(f[1]), (int) l(f[2]), l(f[3]), l(f[4]), l(f[5]), l(f[6]),
                        l(f[7]), l(f[8]), l(f[9]), (int) l(f[10]), (int) l(f[11]), l(f[12]));
                case "page" -> {
                    b.pages.add(new long[] {l(f[1])});
                    b.sha.add(f[2]);
                }
                case "index" -> b.index.add(new LtxPageIndex.Entry((int) l(f[1]), l(f[2]), l(f[3])));
                case "trailer" -> b.trailer = new LtxTrailer(l(f[1]), l(f[2]));
                case "size" -> all.put(b.name, new Expected(b.name, b.header, b.pages, b.sha, b.index, b.trailer, l(f[1])));
                default -> throw new IllegalStateException("unknown line " + line);
            }
        }
        return all;
    }

    private static long l(String s) {
        return Long.parseUnsignedLong(s);
    }

    private static final class Builder {
        final String name;
        LtxHeader header;
        final List<long[]> pages = new ArrayList<>();
        final List<String> sha = new ArrayList<>();
        final List<LtxPageIndex.Entry> index = new ArrayList<>();
        LtxTrailer trailer;

        Builder(String name) {
            this.name = name;
        }
    }

    static String sha256(byte[] b, int off, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, off, len);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long u64(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | (b[i + k] & 0xFF);
        }
        return v;
    }

    static void putU32(byte[] b, int i, long v) {
        for (int k = 0; k < 4; k++) {
            b[i + k] = (byte) (v >>> (24 - 8 * k));
        }
    }

    static void putU64(byte[] b, int i, long v) {
        for (int k = 0; k < 8; k++) {
            b[i + k] = (byte) (v >>> (56 - 8 * k));
        }
    }

    /**
     * The LTX file checksum of {@code file}, whose page frames are the given index entries, computed
     * with lz4-java alone: header, each frame's header (+ size prefix) and decompressed page, then
     * everything after the frames except the stored checksum. Bit 63 set, as ltx stores it.
     */
    static long fileChecksum(byte[] file, List<LtxPageIndex.Entry> frames, int pageSize) {
        Crc64 c = new Crc64();
        c.update(file, 0, LtxHeader.SIZE);
        long end = LtxHeader.SIZE;
        for (LtxPageIndex.Entry e : frames) {
            int off = (int) e.offset();
            boolean block = (file[off + 5] & 1) != 0;
            c.update(file, off, block ? 10 : 6);
            byte[] page = block ? LZ4Factory.safeInstance().safeDecompressor().decompress(file, off + 10, (int) e.size() - 10, pageSize)
                    : unframe(file, off + 6, (int) e.size() - 6);
            c.update(page, 0, page.length);
            end = e.offset() + e.size();
        }
        c.update(file, (int) end, file.length - 8 - (int) end);
        return c.value() | Long.MIN_VALUE;
    }

    private static byte[] unframe(byte[] file, int off, int len) {
        try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(file, off, len))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the right checksum in the last 8 bytes (after a mutation elsewhere). */
    static byte[] reseal(byte[] file, List<LtxPageIndex.Entry> frames, int pageSize) {
        putU64(file, file.length - 8, fileChecksum(file, frames, pageSize));
        return file;
    }

    /** Go binary.AppendUvarint. */
    static void uvarint(java.io.ByteArrayOutputStream out, long v) {
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
