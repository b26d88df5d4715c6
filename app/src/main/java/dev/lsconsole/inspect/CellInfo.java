package dev.lsconsole.inspect;

import dev.lsconsole.sql.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One value for the cell viewer: its storage class, its size in bytes (TEXT as UTF-8; a number as the
 * text SQLite gives it) and its first bytes only, at most {@link #HEAD} (the rest is read on save).
 */
public record CellInfo(Value.Type type, long size, byte[] head) {
    public static final int HEAD = 256 * 1024;

    public boolean complete() {
        return head.length == size;
    }

    /** A value already in memory (a SQL console result). */
    public static CellInfo of(Value v) {
        byte[] b = bytes(v);
        return new CellInfo(v.type(), b.length, b.length > HEAD ? Arrays.copyOf(b, HEAD) : b);
    }

    /** The bytes a value is saved as: TEXT and BLOB exactly, numbers as text, NULL as nothing. */
    public static byte[] bytes(Value v) {
        return switch (v.type()) {
            case NULL -> new byte[0];
            case TEXT, BLOB -> v.bytes();
            case INTEGER, REAL -> v.toString().getBytes(StandardCharsets.UTF_8);
        };
    }
}
