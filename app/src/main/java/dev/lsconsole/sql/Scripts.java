package dev.lsconsole.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes SQL scripts that may refer to spilled values. {@link Sql#literal} gives a spilled TEXT or BLOB as a
 * short reference between two NUL characters (a NUL cannot occur in any other literal: text holding one is
 * written as hex); {@link #write} replaces each reference by the value's hex literal, streamed from the spill
 * file, so a script with a 50 MB value stays a few bytes in memory. {@link #preview} shows a reference as a
 * short summary, for screens and logs.
 */
public final class Scripts {
    private static final char MARK = '\0';

    private Scripts() {
    }

    static String reference(Value.Type type, Spill.Ref ref) {
        return MARK + (type == Value.Type.TEXT ? "t" : "b") + ref.offset() + ":" + ref.length() + ":"
                + java.util.HexFormat.of().formatHex(ref.sha256()) + MARK;
    }

    /** Writes {@code script} as UTF-8 with every spilled value in full. */
    public static void write(String script, OutputStream out) throws IOException {
        int from = 0;
        for (int at = script.indexOf(MARK); at >= 0; at = script.indexOf(MARK, from)) {
            int close = script.indexOf(MARK, at + 1);
            if (close < 0) {
                break;
            }
            out.write(script.substring(from, at).getBytes(StandardCharsets.UTF_8));
            String[] f = script.substring(at + 2, close).split(":");
            Spill.Ref ref = new Spill.Ref(Long.parseLong(f[0]), Long.parseLong(f[1]),
                    java.util.HexFormat.of().parseHex(f[2]));
            boolean text = script.charAt(at + 1) == 't';
            out.write((text ? "CAST(X'" : "X'").getBytes(StandardCharsets.US_ASCII));
            Spill.writeHex(ref, out);
            out.write((text ? "' AS TEXT)" : "'").getBytes(StandardCharsets.US_ASCII));
            from = close + 1;
        }
        out.write(script.substring(from).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code script} with each spilled value shown as a comment with its size and hash, for display. */
    public static String preview(String script) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int at = script.indexOf(MARK); at >= 0; at = script.indexOf(MARK, from)) {
            int close = script.indexOf(MARK, at + 1);
            if (close < 0) {
                break;
            }
            String[] f = script.substring(at + 2, close).split(":");
            sb.append(script, from, at).append(script.charAt(at + 1) == 't' ? "CAST(X'…' AS TEXT)" : "X'…'")
                    .append(" /* ").append(f[1]).append(" bytes, sha256 ").append(f[2], 0, 16).append("… */");
            from = close + 1;
        }
        return sb.append(script.substring(from)).toString();
    }
}
