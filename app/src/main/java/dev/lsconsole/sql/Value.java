package dev.lsconsole.sql;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One SQLite value exactly as stored: its storage class and its bytes. TEXT keeps the raw bytes, so
 * invalid UTF-8 and NUL survive; REAL keeps the double's bits.
 */
public record Value(Type type, long integer, double real, byte[] bytes) {
    public enum Type { NULL, INTEGER, REAL, TEXT, BLOB }

    public static final Value NULL = new Value(Type.NULL, 0, 0, null);

    public static Value ofInteger(long v) {
        return new Value(Type.INTEGER, v, 0, null);
    }

    public static Value ofReal(double v) {
        return new Value(Type.REAL, 0, v, null);
    }

    public static Value ofText(byte[] utf8) {
        return new Value(Type.TEXT, 0, 0, utf8.clone());
    }

    public static Value ofText(String s) {
        return new Value(Type.TEXT, 0, 0, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Value ofBlob(byte[] b) {
        return new Value(Type.BLOB, 0, 0, b.clone());
    }

    /** The SQL literal that gives back exactly this value (see {@link Sql#literal}). */
    public String literal() {
        return Sql.literal(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Value v) || v.type != type) {
            return false;
        }
        return switch (type) {
            case NULL -> true;
            case INTEGER -> v.integer == integer;
            case REAL -> Double.doubleToRawLongBits(v.real) == Double.doubleToRawLongBits(real);
            case TEXT, BLOB -> Arrays.equals(v.bytes, bytes);
        };
    }

    @Override
    public int hashCode() {
        return switch (type) {
            case NULL -> 0;
            case INTEGER -> Long.hashCode(integer);
            case REAL -> Double.hashCode(real);
            case TEXT, BLOB -> Arrays.hashCode(bytes);
        };
    }

    /** For display: text as text (invalid bytes replaced), blobs as hex, numbers as SQL writes them. */
    @Override
    public String toString() {
        return switch (type) {
            case NULL -> "NULL";
            case INTEGER -> Long.toString(integer);
            case REAL -> Sql.realLiteral(real);
            case TEXT -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            case BLOB -> "X'" + HexFormat.of().formatHex(bytes) + "'";
        };
    }
}
