package dev.lsconsole.sql;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** Exact SQL text for SQLite values and identifiers, and reading values back byte for byte. */
public final class Sql {
    private Sql() {
    }

    /** A quoted identifier: "name" with inner quotes doubled; safe for spaces, keywords and quotes. */
    public static String id(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A literal that evaluates to exactly {@code v}: integers in decimal, REALs that round-trip (always
     * with a '.' or exponent so they stay REAL; ±infinity as ±9e999), TEXT quoted with '' doubled, or as
     * CAST(X'…' AS TEXT) when it holds NUL, a carriage return (the sqlite3 shell drops a CR that ends an
     * input line) or is not valid UTF-8, BLOB as X'…'. A spilled value gives a reference that
     * {@link Scripts#write} replaces by its hex literal while writing the script out.
     */
    public static String literal(Value v) {
        if (v.spilled() != null) {
            return Scripts.reference(v.type(), v.spilled()); // written out in full by Scripts.write
        }
        return switch (v.type()) {
            case NULL -> "NULL";
            case INTEGER -> Long.toString(v.integer());
            case REAL -> realLiteral(v.real());
            case TEXT -> textLiteral(v.bytes());
            case BLOB -> "X'" + HexFormat.of().formatHex(v.bytes()) + "'";
        };
    }

    static String realLiteral(double d) {
        if (Double.isNaN(d)) {
            return "NULL"; // SQLite stores NaN as NULL
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "9e999" : "-9e999";
        }
        String s = Double.toString(d); // shortest text that parses back to the same double
        return s.contains(".") || s.contains("E") ? s : s + ".0";
    }

    private static String textLiteral(byte[] b) {
        boolean plain = true;
        for (byte x : b) {
            if (x == 0 || x == '\r') {
                plain = false;
                break;
            }
        }
        if (plain) {
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
                return "'" + s.replace("'", "''") + "'";
            } catch (CharacterCodingException e) {
                // not UTF-8: fall through to the byte-exact form
            }
        }
        return "CAST(X'" + HexFormat.of().formatHex(b) + "' AS TEXT)";
    }

    /** Reads column {@code col} given its {@code typeof()} in column {@code typeCol}, without any conversion. */
    public static Value read(ResultSet rs, int typeCol, int col) throws SQLException {
        return read(rs, typeCol, col, null);
    }

    /** Reads a large value piece by piece: the chunk of its bytes from 1-based {@code start}, empty at the end. */
    public interface ChunkReader {
        byte[] chunk(long start, int length) throws SQLException;
    }

    /**
     * The SQL for a value column that leaves large values in SQLite: with {@link #typeOf} in the type column,
     * a TEXT or BLOB larger than {@link Spill#INLINE_MAX} bytes reads as NULL with type "large text"/"large
     * blob", and {@link #read(ResultSet, int, int, ChunkReader)} fetches it in chunks into the spill file.
     */
    public static String valueOf(String expr) {
        return "CASE WHEN octet_length(" + expr + ") > " + Spill.INLINE_MAX + " THEN NULL ELSE " + expr + " END";
    }

    /** The type column to pair with {@link #valueOf}. */
    public static String typeOf(String expr) {
        return "CASE WHEN octet_length(" + expr + ") > " + Spill.INLINE_MAX + " THEN 'large ' || typeof(" + expr
                + ") ELSE typeof(" + expr + ") END";
    }

    /** As {@link #read(ResultSet, int, int)}; a "large" value is read through {@code large} into the spill file. */
    public static Value read(ResultSet rs, int typeCol, int col, ChunkReader large) throws SQLException {
        String type = rs.getString(typeCol);
        if (type.startsWith("large ") && large != null) {
            Value.Type t = type.endsWith("text") ? Value.Type.TEXT : Value.Type.BLOB;
            long[] pos = {1};
            try {
                return Value.spilled(t, Spill.write(() -> {
                    byte[] c = large.chunk(pos[0], Spill.CHUNK);
                    pos[0] += c.length;
                    return c.length == 0 ? null : c;
                }));
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("cannot set a large value aside: " + e.getMessage(), e);
            }
        }
        return switch (type) {
            case "null" -> Value.NULL;
            case "integer" -> Value.ofInteger(rs.getLong(col));
            case "real" -> Value.ofReal(rs.getDouble(col));
            case "text" -> {
                byte[] raw = rs.getBytes(col);
                yield new Value(Value.Type.TEXT, 0, 0, raw == null ? new byte[0] : raw);
            }
            case "blob" -> {
                byte[] raw = rs.getBytes(col);
                yield new Value(Value.Type.BLOB, 0, 0, raw == null ? new byte[0] : raw);
            }
            default -> throw new SQLException("unknown SQLite type " + type);
        };
    }
}
