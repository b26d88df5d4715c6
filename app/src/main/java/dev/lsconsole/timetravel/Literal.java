package dev.lsconsole.timetravel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One SQLite value as short SQL literal text, for history and bisect output and for comparing states:
 * long text and blobs are shortened and carry a SHA-256 prefix, so two different values never render alike.
 */
final class Literal {
    private static final int MAX_TEXT = 200;
    private static final int MAX_BLOB = 32;

    private Literal() {
    }

    static String of(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return b.length <= MAX_BLOB ? "x'" + HexFormat.of().formatHex(b) + "'"
                    : "<blob " + b.length + " bytes sha256:" + sha(b) + ">";
        }
        if (v instanceof Number) {
            return v.toString();
        }
        String s = v.toString();
        if (s.length() > MAX_TEXT) {
            return quote(s.substring(0, MAX_TEXT)) + "… <" + s.length() + " chars sha256:"
                    + sha(s.getBytes(StandardCharsets.UTF_8)) + ">";
        }
        return quote(s);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
