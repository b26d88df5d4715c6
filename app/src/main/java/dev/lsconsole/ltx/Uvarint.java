package dev.lsconsole.ltx;

import java.util.function.IntSupplier;

/** Why: the page index is Go binary.Uvarint triples; this reads one exactly as Go's ReadUvarint does. */
final class Uvarint {
    private Uvarint() {
    }

    /** The next uvarint from {@code next} (bytes 0..255); null if it overflows 64 bits. */
    static Long read(IntSupplier next) {
        long x = 0;
        for (int i = 0, shift = 0; i < 10; i++, shift += 7) {
            int b = next.getAsInt();
            if (b < 0x80) {
                return i == 9 && b > 1 ? null : x | (long) b << shift;
            }
            x |= (long) (b & 0x7F) << shift;
        }
        return null;
    }
}
