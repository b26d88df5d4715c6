package dev.lsconsole.ltx;

import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.PageChanges;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes an LTX file's pages into a database file in place, and sets the file to a commit's size. */
final class PageApply {
    /**
     * Consecutive pages (a snapshot's, a large transaction's) go out in writes of up to 16 KB: a quarter of
     * the system calls of page-sized writes, and no larger, because the page cache sizes its folios after the
     * writes that create them and later page writes into large folios cost far more (see
     * RestoreEngine.writeInSlices).
     */
    static final int RUN_BYTES = 16 << 10;

    private PageApply() {
    }

    /**
     * A write to the database file failed (a full or read-only disk): this machine's fault, never the LTX
     * file's, so it is kept apart from the read errors around it; the caller names the file it writes.
     */
    static final class WriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Writes every page the decoder yields at its place; returns how many (the decoder verifies the file). */
    static long pages(LtxDecoder dec, LtxHeader h, FileChannel ch, Cancellation cancel) throws IOException {
        return pages(dec, h, ch, cancel, null);
    }

    /** As above, recording each page written in {@code changed} (if not null). */
    static long pages(LtxDecoder dec, LtxHeader h, FileChannel ch, Cancellation cancel, PageChanges changed)
            throws IOException {
        int pageSize = h.pageSize();
        byte[] buf = new byte[pageSize];
        byte[] run = new byte[Math.max(RUN_BYTES, pageSize)];
        ByteBuffer out = ByteBuffer.wrap(run);
        long runStart = 0; // the first page of the pending run, 0 when none
        int runPages = 0;
        long n = 0;
        for (int pgno = dec.nextPage(buf); pgno != 0; pgno = dec.nextPage(buf)) {
            if ((n & 255) == 0) {
                cancel.check();
            }
            long page = Integer.toUnsignedLong(pgno);
            if (runPages > 0 && (page != runStart + runPages || (runPages + 1) * pageSize > run.length)) {
                write(ch, out, runStart, runPages, pageSize);
                runPages = 0;
            }
            if (runPages == 0) {
                runStart = page;
            }
            System.arraycopy(buf, 0, run, runPages * pageSize, pageSize);
            runPages++;
            n++;
            if (changed != null) {
                changed.page(pgno);
            }
        }
        if (runPages > 0) {
            write(ch, out, runStart, runPages, pageSize);
        }
        return n;
    }

    private static void write(FileChannel ch, ByteBuffer out, long first, int pages, int pageSize) {
        out.clear().limit(pages * pageSize);
        long at = (first - 1) * pageSize;
        try {
            while (out.hasRemaining()) {
                at += ch.write(out, at);
            }
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /** Cuts or extends the file to {@code commit} pages (an extension reads as zeros, as SQLite's would). */
    static void size(FileChannel ch, LtxHeader h) throws IOException {
        size(ch, h, null);
    }

    /** As above, recording the size before and after in {@code changed} (if not null). */
    static void size(FileChannel ch, LtxHeader h, PageChanges changed) throws IOException {
        long size = (long) h.commit() * h.pageSize();
        if (changed != null) {
            changed.size(ch.size() / h.pageSize(), h.commit());
        }
        try {
            if (ch.size() > size) {
                ch.truncate(size);
            } else if (ch.size() < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }
}
