package dev.lsconsole.ltx;

import dev.lsconsole.restore.Cancellation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes an LTX file's pages into a database file in place, and sets the file to a commit's size. */
final class PageApply {
    private PageApply() {
    }

    /** Writes every page the decoder yields at its place; returns how many (the decoder verifies the file). */
    static long pages(LtxDecoder dec, LtxHeader h, FileChannel ch, Cancellation cancel) throws IOException {
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
        }
        return n;
    }

    /** Cuts or extends the file to {@code commit} pages (an extension reads as zeros, as SQLite's would). */
    static void size(FileChannel ch, LtxHeader h) throws IOException {
        long size = (long) h.commit() * h.pageSize();
        if (ch.size() > size) {
            ch.truncate(size);
        } else if (ch.size() < size) {
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
    }
}
