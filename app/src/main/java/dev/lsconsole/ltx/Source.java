package dev.lsconsole.ltx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Why: every read of an LTX file must count the bytes consumed (offsets, progress), optionally feed
 * the CRC-64 file checksum, and turn a short read or an I/O failure into one LtxException naming
 * the object and what was being read, so no caller sees EOFException or a partial buffer.
 */
final class Source implements AutoCloseable {
    /** Reads from the file or the network in 64 KB pieces (a page frame is read in two or three small reads). */
    static final int BUFFER = 64 << 10;
    private final InputStream in;
    private final String object;
    private final PipedCrc64 crc;
    private final byte[] one = new byte[1];
    private long pos;

    Source(InputStream in, String object, PipedCrc64 crc) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER);
        this.object = object;
        this.crc = crc;
    }

    String object() {
        return object;
    }

    /** Bytes consumed so far, i.e. the file offset of the next byte. */
    long pos() {
        return pos;
    }

    /** Reads exactly {@code len} bytes that are not part of the file checksum (compressed data). */
    void read(byte[] b, int off, int len, String what) {
        read(b, off, len, what, -1, "");
    }

    /**
     * As {@link #read(byte[], int, int, String)}, for what is named {@code prefix + number + suffix} (a page):
     * the name is only built when the read fails, not once per page.
     */
    void read(byte[] b, int off, int len, String prefix, long number, String suffix) {
        int n;
        try {
            n = in.readNBytes(b, off, len);
        } catch (IOException e) {
            throw new LtxException(object, "read failed in " + name(prefix, number, suffix) + " at byte " + pos + ": "
                    + reason(e), e);
        }
        pos += n;
        if (n < len) {
            throw new LtxException(object, "truncated in " + name(prefix, number, suffix) + " at byte " + pos);
        }
    }

    private static String name(String prefix, long number, String suffix) {
        return number < 0 ? prefix + suffix : prefix + number + suffix;
    }

    /** Reads exactly {@code len} bytes and adds them to the file checksum. */
    void readHashed(byte[] b, int off, int len, String what) {
        readHashed(b, off, len, what, -1, "");
    }

    void readHashed(byte[] b, int off, int len, String prefix, long number, String suffix) {
        read(b, off, len, prefix, number, suffix);
        hash(b, off, len);
    }

    /** One checksummed byte, 0..255. */
    int readHashedByte(String what) {
        readHashed(one, 0, 1, what);
        return one[0] & 0xFF;
    }

    void hash(byte[] b, int off, int len) {
        if (crc != null) {
            crc.update(b, off, len);
        }
    }

    /** True when no byte follows (reads at most one). */
    boolean atEnd() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            throw new LtxException(object, "read failed after the trailer at byte " + pos + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    LtxException fail(String problem) {
        return new LtxException(object, problem);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new LtxException(object, "close failed: " + e.getMessage(), e);
        }
    }
}
