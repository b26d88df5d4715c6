package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CRC-64 that checks every LTX file reads eight bytes a step; it must give Go's crc64.ISO result for
 * every length and offset (the tail shorter than eight bytes, a split across update calls), and so must
 * the piped one that hashes a large file's bytes on a helper thread.
 */
class LtxCrc64Test {
    @Test
    void matchesGoIsoCheckValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(b, 0, b.length)).isEqualTo(0xB90956C775A41001L); // CRC-64/GO-ISO check value
    }

    @Test
    void eightBytesAStepEqualsAByteAStep() {
        Random rnd = new Random(11);
        byte[] data = new byte[5000];
        rnd.nextBytes(data);
        for (int len = 0; len < 80; len++) {
            for (int off = 0; off < 9; off++) {
                assertThat(Crc64.of(data, off, len)).as("len %d off %d", len, off).isEqualTo(byteAtATime(data, off, len));
            }
        }
        Crc64 split = new Crc64();
        split.update(data, 0, 4103);
        for (int i = 4103; i < 4110; i++) {
            split.update(data[i]);
        }
        split.update(data, 4110, data.length - 4110);
        assertThat(split.value()).isEqualTo(byteAtATime(data, 0, data.length));
    }

    /** A large file's bytes are hashed by a helper thread in 64 KB batches: the same value, at any point. */
    @Test
    void pipedEqualsInPlace() {
        Random rnd = new Random(12);
        byte[] data = new byte[3 << 20];
        rnd.nextBytes(data);
        PipedCrc64 piped = new PipedCrc64();
        Crc64 plain = new Crc64();
        int at = 0;
        int step = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, new int[] {6, 4, 4096, 1, 100_000, 70_000}[step++ % 6]);
            piped.update(data, at, n);
            plain.update(data, at, n);
            at += n;
            if (step % 97 == 0) {
                assertThat(piped.value()).as("after %d bytes", at).isEqualTo(plain.value());
            }
        }
        assertThat(piped.value()).isEqualTo(plain.value()).isEqualTo(byteAtATime(data, 0, data.length));
    }

    /** The textbook reflected CRC-64 (polynomial 0xD800000000000000, init and xorout all ones). */
    private static long byteAtATime(byte[] b, int off, int len) {
        long c = -1L;
        for (int i = off; i < off + len; i++) {
            c ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xD800000000000000L : c >>> 1;
            }
        }
        return ~c;
    }
}
