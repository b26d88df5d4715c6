package dev.lsconsole.ltx;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Why: the CRC-64 of every page is a restore's largest CPU cost after start-up, and the thread decoding a
 * file also reads and decompresses it and writes its pages. A large file's checksummed bytes are therefore
 * copied into 64 KB batches that one shared helper thread hashes in order while decoding goes on; the
 * checksum is the same as hashing them in place, and {@link #value} waits for the batches still queued. A
 * small file (under {@link #INLINE_BYTES}) is hashed in place: no hand-over is cheaper for it.
 */
final class PipedCrc64 {
    static final int INLINE_BYTES = 256 << 10;
    static final int BATCH = 64 << 10;
    private static final int BATCHES = 4;
    private static final ExecutorService HASHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lsc-ltx-crc64");
        t.setDaemon(true);
        return t;
    });

    private final Crc64 crc = new Crc64();
    private long inline;
    private BlockingQueue<byte[]> free;
    private byte[] batch;
    private int filled;

    void update(byte[] b, int off, int len) {
        if (free == null) {
            if (inline + len <= INLINE_BYTES) {
                crc.update(b, off, len);
                inline += len;
                return;
            }
            free = new ArrayBlockingQueue<>(BATCHES);
            for (int i = 0; i < BATCHES; i++) {
                free.add(new byte[BATCH]);
            }
            batch = take();
        }
        while (len > 0) {
            int n = Math.min(len, BATCH - filled);
            System.arraycopy(b, off, batch, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BATCH) {
                hand();
            }
        }
    }

    /** The CRC of everything passed so far, once the helper has hashed it. */
    long value() {
        if (free != null) {
            if (filled > 0) {
                hand();
            }
            byte[][] all = new byte[BATCHES][];
            for (int i = 0; i < BATCHES; i++) { // every batch back: every one queued has been hashed
                all[i] = i == 0 && batch != null ? batch : take();
            }
            batch = all[0];
            for (int i = 1; i < BATCHES; i++) {
                free.add(all[i]);
            }
        }
        return crc.value();
    }

    private void hand() {
        byte[] full = batch;
        int n = filled;
        HASHER.execute(() -> {
            crc.update(full, 0, n);
            free.add(full);
        });
        batch = take();
        filled = 0;
    }

    private byte[] take() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }
}
