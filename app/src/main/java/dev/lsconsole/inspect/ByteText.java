package dev.lsconsole.inspect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes as a person reads them: UTF-8 with each invalid byte shown as {@code \xNN}, and a hex dump. */
public final class ByteText {
    private ByteText() {
    }

    /**
     * UTF-8 text; an invalid byte (and NUL) reads {@code \xNN}. With {@code cut}, an incomplete character
     * at the very end is the cut's, not the value's, and is left out.
     */
    public static String utf8(byte[] b, boolean cut) {
        int n = cut ? completeLength(b) : b.length;
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, 0, n);
        CharBuffer out = CharBuffer.allocate(n + 16);
        StringBuilder sb = new StringBuilder(n);
        while (in.hasRemaining()) {
            CoderResult r = d.decode(in, out, true);
            out.flip();
            sb.append(out.toString().replace("\0", "\\x00"));
            out.clear();
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    sb.append(String.format("\\x%02X", b[in.position()] & 0xff));
                    in.position(in.position() + 1);
                }
            }
        }
        return sb.toString();
    }

    /** The length without a UTF-8 sequence that the end cuts short. */
    static int completeLength(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int x = b[b.length - back] & 0xff;
            if ((x & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead
            }
            int need = x >= 0xF0 ? 4 : x >= 0xE0 ? 3 : x >= 0xC0 ? 2 : 1;
            return need > back ? b.length - back : b.length;
        }
        return b.length;
    }

    /** {@code 00000000  41 42 …  |AB…|} lines, 16 bytes each. */
    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 4 + 32);
        for (int off = 0; off < b.length; off += 16) {
            sb.append(String.format("%08x  ", off));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (off + i < b.length) {
                    int x = b[off + i] & 0xff;
                    sb.append(String.format("%02x ", x));
                    ascii.append(x >= 0x20 && x < 0x7f ? (char) x : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |").append(ascii).append("|\n");
        }
        return sb.toString();
    }
}
