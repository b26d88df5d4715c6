package dev.lsconsole.ltx;

import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.PageChanges;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes an LTX file's pages into a database file in place, and sets the file to a commit's size. */
final class PageApply {
    private PageApply() {
    }

    /** Writes every page the decoder yields at its place; returns how many (the decoder verifies the file). */
    static long pages(LtxDecoder dec, LtxHeader h, FileChannel ch, Cancellation cancel) throws IOException {
        return pages(dec, h, ch, cancel, null);
    }

    /** As above, recording each page written in {@code changed} (if not null). */
    static long pages(LtxDecoder dec, LtxHeader h, FileChannel ch, Cancellation cancel, PageChanges changed)
            throws IOException {
        byte[] buf = new byte[h.pageSize()];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long n = 0;
        for (int pgno = dec.nextPage(buf); pgno != 0; pgno = dec.nextPage(buf)) {
            if ((n & 255) == 0) {
                cancel.check();
            }
            bb.clear();
            long at = (long) (pgno - 1) * h.pageSize();
            while (bb.hasRemaining()) {
                at += ch.write(bb, at);
            }
            n++;
            if (changed != null) {
                changed.page(pgno);
            }
        }
        return n;
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
        if (ch.size() > size) {
            ch.truncate(size);
        } else if (ch.size() < size) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }
}
