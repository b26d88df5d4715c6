package dev.lsconsole.ltx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CRC-64 against Go's hash/crc64 (ISO table) values. */
class Crc64Test {
    @Test
    void checkValueOfGoIsoTable() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(b, 0, b.length)).isEqualTo(0xb90956c775a41001L);
    }

    @Test
    void emptyInputIsZeroAsInGo() {
        assertThat(new Crc64().value()).isZero();
    }

    @Test
    void goVectorsFromHashCrc64Tests() {
        // Copied from Go 1.26's src/hash/crc64/crc64_test.go golden table (outISO column).
        assertThat(crc("a")).isEqualTo(0x3420000000000000L);
        assertThat(crc("ab")).isEqualTo(0x36c4200000000000L);
        assertThat(crc("abc")).isEqualTo(0x3776c42000000000L);
        assertThat(crc("abcdefghij")).isEqualTo(0x7f5b6e21b002d367L);
        assertThat(crc("Discard medicine more than two years old.")).isEqualTo(0x8ec0e7c835bf9cdfL);
    }

    @Test
    void piecewiseUpdatesEqualOneShot() {
        byte[] b = new byte[10_000];
        new Random(7).nextBytes(b);
        Crc64 c = new Crc64();
        c.update(b, 0, 3);
        c.update(b[3] & 0xFF);
        c.update(b, 4, b.length - 4);
        assertThat(c.value()).isEqualTo(Crc64.of(b, 0, b.length));
    }

    private static long crc(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Crc64.of(b, 0, b.length);
    }
}
