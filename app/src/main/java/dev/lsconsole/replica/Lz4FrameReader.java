package dev.lsconsole.replica;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads LZ4 frames (the format litestream writes, one frame per object, independent blocks) with
 * per-thread buffers. lz4-java's LZ4FrameInputStream allocates a buffer of the frame's maximum block
 * size (4 MB for litestream) for every stream, which for thousands of small WAL segments costs more
 * than the decompression itself. Every check is kept: descriptor, block and content checksums.
 * Frames with linked blocks (never written by litestream, nor readable by lz4-java) are refused.
 */
final class Lz4FrameReader extends InputStream {
    private static final int MAGIC = 0x184D2204;
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHashFactory XXH = XXHashFactory.fastestInstance();
    private static final XXHash32 XXH32 = XXH.hash32();
    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[2][]);

    private final InputStream in;
    private final byte[] header = new byte[15];
    private byte[] compressed;
    private byte[] block;
    private int pos;
    private int limit;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private StreamingXXHash32 contentHash;
    private boolean inFrame;
    private boolean eof;

    private Lz4FrameReader(InputStream in) {
        this.in = in;
    }

    /** A decoding stream over {@code in}. */
    static InputStream open(InputStream in) {
        return new Lz4FrameReader(in);
    }

    private boolean nextFrame() throws IOException {
        int n = in.readNBytes(header, 0, 7);
        if (n == 0) {
            return false;
        }
        if (n < 7) {
            throw new EOFException("LZ4 stream ends inside a frame header");
        }
        if (le32(header, 0) != MAGIC) {
            throw new IOException("not an LZ4 frame (bad magic " + Integer.toHexString(le32(header, 0)) + ")");
        }
        int flg = header[4] & 0xFF;
        int bd = header[5] & 0xFF;
        if ((flg >>> 6) != 1) {
            throw new IOException("unsupported LZ4 frame version " + (flg >>> 6));
        }
        if ((flg & 0x20) == 0) {
            throw new IOException("LZ4 frames with linked blocks are not supported (litestream writes independent blocks)");
        }
        int descriptorLength = 2;
        int headerLength = 7;
        if ((flg & 0x08) != 0) {
            headerLength += 8; // content size
        }
        if ((flg & 0x01) != 0) {
            throw new IOException("LZ4 frames with a dictionary are not supported");
        }
        if (headerLength > 7 && in.readNBytes(header, 7, headerLength - 7) < headerLength - 7) {
            throw new EOFException("LZ4 stream ends inside a frame header");
        }
        descriptorLength = headerLength - 5;
        int hc = (XXH32.hash(header, 4, descriptorLength, 0) >>> 8) & 0xFF;
        if (hc != (header[headerLength - 1] & 0xFF)) {
            throw new IOException("LZ4 frame header checksum mismatch");
        }
        int maxBlock = switch ((bd >>> 4) & 7) {
            case 4 -> 64 << 10;
            case 5 -> 256 << 10;
            case 6 -> 1 << 20;
            case 7 -> 4 << 20;
            default -> throw new IOException("invalid LZ4 block size code " + ((bd >>> 4) & 7));
        };
        blockChecksum = (flg & 0x10) != 0;
        contentChecksum = (flg & 0x04) != 0;
        byte[][] bufs = BUFFERS.get();
        if (bufs[0] == null || bufs[0].length < maxBlock) {
            bufs[0] = new byte[maxBlock];
            bufs[1] = new byte[maxBlock];
        }
        compressed = bufs[0];
        block = bufs[1];
        if (contentHash != null) {
            contentHash.close();
        }
        contentHash = contentChecksum ? XXH.newStreamingHash32(0) : null;
        inFrame = true;
        return true;
    }

    /** Fills {@code block} with the next block's bytes; false at the end of the stream. */
    private boolean nextBlock() throws IOException {
        while (true) {
            if (!inFrame && !nextFrame()) {
                return false;
            }
            byte[] sz = new byte[4];
            if (in.readNBytes(sz, 0, 4) < 4) {
                throw new EOFException("LZ4 stream ends before the frame's end mark (truncated object)");
            }
            int word = le32(sz, 0);
            if (word == 0) {
                if (contentChecksum) {
                    if (in.readNBytes(sz, 0, 4) < 4) {
                        throw new EOFException("LZ4 stream ends before its content checksum");
                    }
                    if (contentHash.getValue() != le32(sz, 0)) {
                        throw new IOException("LZ4 content checksum mismatch");
                    }
                }
                inFrame = false;
                continue;
            }
            boolean raw = (word & 0x80000000) != 0;
            int size = word & 0x7FFFFFFF;
            if (size > compressed.length) {
                throw new IOException("LZ4 block of " + size + " bytes exceeds the frame's maximum");
            }
            if (in.readNBytes(compressed, 0, size) < size) {
                throw new EOFException("LZ4 stream ends inside a block (truncated object)");
            }
            if (blockChecksum) {
                if (in.readNBytes(sz, 0, 4) < 4) {
                    throw new EOFException("LZ4 stream ends before a block checksum");
                }
                if (XXH32.hash(compressed, 0, size, 0) != le32(sz, 0)) {
                    throw new IOException("LZ4 block checksum mismatch");
                }
            }
            if (raw) {
                System.arraycopy(compressed, 0, block, 0, size);
                limit = size;
            } else {
                try {
                    limit = LZ4.decompress(compressed, 0, size, block, 0, block.length);
                } catch (LZ4Exception e) {
                    throw new IOException("corrupt LZ4 block: " + e.getMessage(), e);
                }
            }
            if (contentHash != null) {
                contentHash.update(block, 0, limit);
            }
            pos = 0;
            if (limit > 0) {
                return true;
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= limit) {
            if (eof || !nextBlock()) {
                eof = true;
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (contentHash != null) {
            contentHash.close();
            contentHash = null;
        }
        in.close();
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
