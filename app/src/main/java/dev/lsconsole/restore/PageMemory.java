package dev.lsconsole.restore;

import java.util.ArrayDeque;

/**
 * The memory decoded WAL pages may use, shared by every {@link PageLog} of the process: fixed-size
 * chunks, reused rather than left to the garbage collector. Decoding a large replica streams gigabytes
 * of pages through these logs; fresh arrays each time let the JVM grow its heap far beyond what is live
 * (measured: ~270 MB of heap for a 1.1 GB restore). A log that finds the budget spent spills to its
 * temp file instead, so the heap the restore needs stays bounded whatever the look-ahead and index sizes.
 */
final class PageMemory {
    /** 256 KB: small enough never to be a G1 "humongous" object, large enough to amortize the bookkeeping. */
    static final int CHUNK_BYTES = 256 << 10;
    static final PageMemory SHARED = new PageMemory(96L << 20);

    private final long maxChunks;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long allocated;

    PageMemory(long budgetBytes) {
        this.maxChunks = Math.max(1, budgetBytes / CHUNK_BYTES);
    }

    /** A chunk of {@link #CHUNK_BYTES}, or null when the budget is spent. */
    synchronized byte[] take() {
        if (!free.isEmpty()) {
            return free.pop();
        }
        if (allocated < maxChunks) {
            allocated++;
            return new byte[CHUNK_BYTES];
        }
        return null;
    }

    /** Returns a chunk taken from this budget. */
    synchronized void give(byte[] chunk) {
        free.push(chunk);
    }

    synchronized long allocatedBytes() {
        return allocated * CHUNK_BYTES;
    }
}
