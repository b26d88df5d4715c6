package dev.lsconsole.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only store of fixed-size pages: in memory up to a limit, then in a temp file (deleted on
 * close). Slots are numbered from 0; chunks hold whole pages so a page never straddles two chunks.
 */
final class PageLog implements AutoCloseable {
    private static final int PAGES_PER_CHUNK = 256;

    private final int pageSize;
    private final long memoryLimitPages;
    private final Path spillDir;
    private final List<byte[]> chunks = new ArrayList<>();
    private FileChannel spill;
    private Path spillFile;
    private long size;

    PageLog(int pageSize, long memoryLimitBytes, Path spillDir) {
        this.pageSize = pageSize;
        this.memoryLimitPages = Math.max(PAGES_PER_CHUNK, memoryLimitBytes / pageSize / PAGES_PER_CHUNK * PAGES_PER_CHUNK);
        this.spillDir = spillDir;
    }

    int pageSize() {
        return pageSize;
    }

    long size() {
        return size;
    }

    /** Appends pageSize bytes from src[off..] and returns the slot. */
    long append(byte[] src, int off) {
        long slot = size;
        if (slot < memoryLimitPages) {
            int chunk = (int) (slot / PAGES_PER_CHUNK);
            if (chunk == chunks.size()) {
                chunks.add(new byte[PAGES_PER_CHUNK * pageSize]);
            }
            System.arraycopy(src, off, chunks.get(chunk), (int) (slot % PAGES_PER_CHUNK) * pageSize, pageSize);
        } else {
            try {
                if (spill == null) {
                    spillFile = Files.createTempFile(spillDir, ".lsc-wal-", ".pages");
                    spill = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.DELETE_ON_CLOSE);
                }
                ByteBuffer b = ByteBuffer.wrap(src, off, pageSize);
                long at = (slot - memoryLimitPages) * pageSize;
                while (b.hasRemaining()) {
                    at += spill.write(b, at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write temp file in " + spillDir + ": " + e.getMessage(), e);
            }
        }
        size++;
        return slot;
    }

    /** A buffer positioned on the page in {@code slot} (a view for memory slots; read into {@code scratch} otherwise). */
    ByteBuffer page(long slot, ByteBuffer scratch) throws IOException {
        if (slot < memoryLimitPages) {
            return ByteBuffer.wrap(chunks.get((int) (slot / PAGES_PER_CHUNK)),
                    (int) (slot % PAGES_PER_CHUNK) * pageSize, pageSize);
        }
        scratch.clear().limit(pageSize);
        long at = (slot - memoryLimitPages) * pageSize;
        while (scratch.hasRemaining()) {
            if (spill.read(scratch, at + scratch.position()) < 0) {
                throw new IOException("temp page file truncated: " + spillFile);
            }
        }
        return scratch.flip();
    }

    @Override
    public void close() {
        chunks.clear();
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException ignored) {
                // DELETE_ON_CLOSE; nothing to keep
            }
            try {
                Files.deleteIfExists(spillFile);
            } catch (IOException ignored) {
                // best effort
            }
            spill = null;
        }
    }
}
