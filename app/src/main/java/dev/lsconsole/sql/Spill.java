package dev.lsconsole.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where TEXT and BLOB values larger than {@link #INLINE_MAX} bytes go instead of the heap: one append-only
 * temp file per process (0600, deleted at exit). A spilled value is known by its place, length and SHA-256;
 * it is read back in chunks only to be written out as hex (into a script sent to sqlite3, or an undo file).
 * A 50 MB value is therefore never held whole, and neither is its 100 MB hex literal.
 */
public final class Spill {
    /** Values up to this size stay in memory. */
    public static final int INLINE_MAX = 64 * 1024;
    /** Size of the pieces a large value is read from SQLite in. */
    public static final int CHUNK = 4 << 20;

    /** A spilled value: where it is in the spill file, its length and SHA-256. */
    public record Ref(long offset, long length, byte[] sha256) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.length == length && Arrays.equals(r.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return length + " bytes, sha256 " + HexFormat.of().formatHex(sha256, 0, 8) + "…";
        }
    }

    /** Gives a value's bytes piece by piece; null at the end. */
    public interface Chunks {
        byte[] next() throws Exception;
    }

    private static FileChannel channel;
    private static long end;

    private Spill() {
    }

    /** Appends a value read piece by piece; returns where it went. */
    public static synchronized Ref write(Chunks chunks) throws Exception {
        FileChannel ch = channel();
        MessageDigest sha = sha256();
        long start = end;
        long length = 0;
        for (byte[] c = chunks.next(); c != null; c = chunks.next()) {
            sha.update(c);
            ByteBuffer b = ByteBuffer.wrap(c);
            while (b.hasRemaining()) {
                ch.write(b, start + length + b.position());
            }
            length += c.length;
        }
        end = start + length;
        return new Ref(start, length, sha.digest());
    }

    /** Writes a spilled value as hex digits (lower case), 64 KB at a time. */
    public static void writeHex(Ref ref, OutputStream out) throws IOException {
        FileChannel ch;
        synchronized (Spill.class) {
            ch = channel;
        }
        if (ch == null) {
            throw new IOException("spilled value " + ref + " is gone");
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        HexFormat hex = HexFormat.of();
        long pos = ref.offset();
        long left = ref.length();
        while (left > 0) {
            buf.clear().limit((int) Math.min(buf.capacity(), left));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("spilled value " + ref + " is truncated");
            }
            out.write(hex.formatHex(buf.array(), 0, n).getBytes(StandardCharsets.US_ASCII));
            pos += n;
            left -= n;
        }
    }

    private static FileChannel channel() throws IOException {
        if (channel == null) {
            Path file = Files.createTempFile("lsc-values-", ".spill"); // 0600 on POSIX
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
        }
    }
}
