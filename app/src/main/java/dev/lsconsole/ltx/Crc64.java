package dev.lsconsole.ltx;

/**
 * Why: an LTX file's checksum is Go's hash/crc64 with the ISO table (CRC-64/GO-ISO: reflected
 * polynomial 0xD800000000000000, initial and final XOR all ones); the JDK has no CRC-64.
 */
public final class Crc64 {
    private static final long[][] TABLES = tables();
    private static final long[] TABLE = TABLES[0];

    private long crc;

    /** The CRC-64 of {@code b[off, off+len)} in one call. */
    public static long of(byte[] b, int off, int len) {
        Crc64 c = new Crc64();
        c.update(b, off, len);
        return c.value();
    }

    public void update(byte[] b, int off, int len) {
        long c = ~crc;
        int i = off;
        int end = off + len;
        for (; end - i >= 8; i += 8) { // slicing-by-8, as Go's crc64 does for long inputs
            c ^= (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
            c = TABLES[7][(int) c & 0xFF] ^ TABLES[6][(int) (c >>> 8) & 0xFF] ^ TABLES[5][(int) (c >>> 16) & 0xFF]
                    ^ TABLES[4][(int) (c >>> 24) & 0xFF] ^ TABLES[3][(int) (c >>> 32) & 0xFF] ^ TABLES[2][(int) (c >>> 40) & 0xFF]
                    ^ TABLES[1][(int) (c >>> 48) & 0xFF] ^ TABLES[0][(int) (c >>> 56) & 0xFF];
        }
        for (; i < end; i++) {
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

    private static long[][] tables() {
        long[][] t = new long[8][];
        t[0] = table();
        for (int k = 1; k < 8; k++) {
            t[k] = new long[256];
            for (int i = 0; i < 256; i++) {
                long c = t[k - 1][i];
                t[k][i] = t[0][(int) c & 0xFF] ^ (c >>> 8);
            }
        }
        return t;
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
