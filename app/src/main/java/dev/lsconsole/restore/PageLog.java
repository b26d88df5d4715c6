package dev.lsconsole.restore;

import dev.lsconsole.LocalFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only store of fixed-size pages: in memory (chunks from a shared {@link PageMemory}) up to a
 * limit per log and while the shared budget lasts, then in a temp file (deleted on close). Slots are
 * numbered from 0; chunks hold whole pages so a page never straddles two chunks.
 */
final class PageLog implements AutoCloseable {
    private final int pageSize;
    private final int pagesPerChunk;
    private final PageMemory memory;
    private final Path spillDir;
    private final List<byte[]> chunks = new ArrayList<>();
    /** Slots below this are in memory; lowered to the current slot when the shared budget is spent. */
    private long memoryLimitPages;
    private FileChannel spill;
    private Path spillFile;
    private long size;

    PageLog(int pageSize, long memoryLimitBytes, Path spillDir) {
        this(pageSize, memoryLimitBytes, spillDir, PageMemory.SHARED);
    }

    PageLog(int pageSize, long memoryLimitBytes, Path spillDir, PageMemory memory) {
        this.pageSize = pageSize;
        this.pagesPerChunk = PageMemory.CHUNK_BYTES / pageSize;
        this.memoryLimitPages = Math.max(pagesPerChunk, memoryLimitBytes / pageSize / pagesPerChunk * pagesPerChunk);
        this.memory = memory;
        this.spillDir = spillDir;
    }

    int pageSize() {
        return pageSize;
    }

    long size() {
        return size;
    }

    /** Forgets every page, keeping the chunks and the temp file for the next ones. */
    void reset() {
        size = 0;
    }

    /** Pages in the temp file (0 while all are in memory). */
    long spilledPages() {
        return Math.max(0, size - memoryLimitPages);
    }

    /** Appends pageSize bytes from src[off..] and returns the slot. */
    long append(byte[] src, int off) {
        long slot = size;
        if (slot < memoryLimitPages && slot == (long) chunks.size() * pagesPerChunk) {
            byte[] chunk = memory.take();
            if (chunk == null) {
                memoryLimitPages = slot; // budget spent: this and all later pages go to the temp file
            } else {
                chunks.add(chunk);
            }
        }
        if (slot < memoryLimitPages) {
            System.arraycopy(src, off, chunks.get((int) (slot / pagesPerChunk)), (int) (slot % pagesPerChunk) * pageSize,
                    pageSize);
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
                throw new LocalWriteException("cannot write temp file in " + spillDir + ": " + LocalFiles.reason(e), e);
            }
        }
        size++;
        return slot;
    }

    /** A buffer positioned on the page in {@code slot} (a view for memory slots; read into {@code scratch} otherwise). */
    ByteBuffer page(long slot, ByteBuffer scratch) throws IOException {
        if (slot < memoryLimitPages) {
            return ByteBuffer.wrap(chunks.get((int) (slot / pagesPerChunk)), (int) (slot % pagesPerChunk) * pageSize,
                    pageSize);
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
        for (byte[] c : chunks) {
            memory.give(c);
        }
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
