package dev.lsconsole.sql;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One SQLite value exactly as stored: its storage class and its bytes. TEXT keeps the raw bytes, so
 * invalid UTF-8 and NUL survive; REAL keeps the double's bits. A TEXT or BLOB larger than
 * {@link Spill#INLINE_MAX} is {@code spilled} instead (bytes null): known by length and SHA-256, its bytes
 * in the spill file, so large values are compared and written without being held.
 */
public record Value(Type type, long integer, double real, byte[] bytes, Spill.Ref spilled) {
    public enum Type { NULL, INTEGER, REAL, TEXT, BLOB }

    public Value(Type type, long integer, double real, byte[] bytes) {
        this(type, integer, real, bytes, null);
    }

    /** A TEXT or BLOB whose bytes were spilled. */
    public static Value spilled(Type type, Spill.Ref ref) {
        return new Value(type, 0, 0, null, ref);
    }

    /** The length in bytes of a TEXT or BLOB. */
    public long length() {
        return spilled != null ? spilled.length() : bytes == null ? 0 : bytes.length;
    }

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

    /**
     * The SQL literal that gives back exactly this value (see {@link Sql#literal}); a spilled value is shown
     * as a summary (its size and hash), since its literal would be twice its size.
     */
    public String literal() {
        return spilled != null ? Scripts.preview(Sql.literal(this)) : Sql.literal(this);
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
            case TEXT, BLOB -> spilled != null || v.spilled != null ? java.util.Objects.equals(spilled, v.spilled)
                    : Arrays.equals(v.bytes, bytes);
        };
    }

    @Override
    public int hashCode() {
        return switch (type) {
            case NULL -> 0;
            case INTEGER -> Long.hashCode(integer);
            case REAL -> Double.hashCode(real);
            case TEXT, BLOB -> spilled != null ? spilled.hashCode() : Arrays.hashCode(bytes);
        };
    }

    /** For display: text as text (invalid bytes replaced), blobs as hex, numbers as SQL writes them. */
    @Override
    public String toString() {
        if (spilled != null) {
            return literal();
        }
        return switch (type) {
            case NULL -> "NULL";
            case INTEGER -> Long.toString(integer);
            case REAL -> Sql.realLiteral(real);
            case TEXT -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            case BLOB -> "X'" + HexFormat.of().formatHex(bytes) + "'";
        };
    }
}
