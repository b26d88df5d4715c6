package dev.lsconsole.ltx;

/**
 * Why: an LTX file's checksum is Go's hash/crc64 with the ISO table (CRC-64/GO-ISO: reflected
 * polynomial 0xD800000000000000, initial and final XOR all ones); the JDK has no CRC-64.
 */
public final class Crc64 {
    private static final long[] TABLE = table();

    private long crc;

    /** The CRC-64 of {@code b[off, off+len)} in one call. */
    public static long of(byte[] b, int off, int len) {
        Crc64 c = new Crc64();
        c.update(b, off, len);
        return c.value();
    }

    public void update(byte[] b, int off, int len) {
        long c = ~crc;
        for (int i = off, end = off + len; i < end; i++) {
            c = TABLE[(int) (c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        crc = ~c;
    }

    public void update(int b) {
        long c = ~crc;
        c = TABLE[(int) (c ^ b) & 0xFF] ^ (c >>> 8);
        crc = ~c;
    }

    /** The CRC of everything written so far (as Go's Sum64). */
    public long value() {
        return crc;
    }

    private static long[] table() {
        long[] t = new long[256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xD800000000000000L : c >>> 1;
            }
            t[i] = c;
        }
        return t;
    }
}
