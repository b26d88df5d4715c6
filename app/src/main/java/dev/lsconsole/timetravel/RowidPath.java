package dev.lsconsole.timetravel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.BitSet;

/**
 * The pages SQLite reads to look one rowid up in a table b-tree: the path from the root to the leaf where
 * the rowid is or would be, and the overflow pages of its cell. A lookup reads nothing else of the table,
 * so for a row of a big, busy table only writes on that path can change it. Reads the file directly
 * (the b-tree format of sqlite.org/fileformat2.html); null when a page is not what a table b-tree holds.
 */
final class RowidPath {
    private static final int MAX_DEPTH = 64;

    private final FileChannel ch;
    private final int pageSize;
    private final int usable;
    private final ByteBuffer page;

    private RowidPath(FileChannel ch) throws IOException {
        this.ch = ch;
        ByteBuffer h = ByteBuffer.allocate(100);
        read(h, 0);
        int ps = Short.toUnsignedInt(h.getShort(16));
        pageSize = ps == 1 ? 65536 : ps;
        usable = pageSize - Byte.toUnsignedInt(h.get(20));
        page = ByteBuffer.allocate(pageSize);
    }

    /** The pages a lookup of {@code rowid} in the table b-tree rooted at {@code root} reads, or null. */
    static BitSet of(FileChannel ch, int root, long rowid) throws IOException {
        return new RowidPath(ch).path(root, rowid);
    }

    private BitSet path(int root, long rowid) throws IOException {
        BitSet pages = new BitSet();
        int p = root;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            pages.set(p);
            load(p);
            int h = p == 1 ? 100 : 0;
            int type = Byte.toUnsignedInt(page.get(h));
            int cells = Short.toUnsignedInt(page.getShort(h + 3));
            if (type == 0x0d) {
                return leaf(h + 8, cells, rowid, pages);
            }
            if (type != 0x05) {
                return null;
            }
            int next = page.getInt(h + 8);
            for (int i = 0; i < cells; i++) {
                int off = Short.toUnsignedInt(page.getShort(h + 12 + 2 * i));
                long[] key = varint(off + 4);
                if (rowid <= key[0]) {
                    next = page.getInt(off);
                    break;
                }
            }
            p = next;
        }
        return null;
    }

    private BitSet leaf(int ptrs, int cells, long rowid, BitSet pages) throws IOException {
        for (int i = 0; i < cells; i++) {
            int off = Short.toUnsignedInt(page.getShort(ptrs + 2 * i));
            long[] size = varint(off);
            long[] id = varint(off + (int) size[1]);
            if (id[0] == rowid) {
                return overflow(off + (int) size[1] + (int) id[1], size[0], pages);
            }
        }
        return pages;
    }

    /** Adds the overflow chain of a cell whose payload ({@code total} bytes) starts at {@code payload}. */
    private BitSet overflow(int payload, long total, BitSet pages) throws IOException {
        long x = usable - 35;
        if (total <= x) {
            return pages;
        }
        long m = (usable - 12) * 32L / 255 - 23;
        long k = m + (total - m) % (usable - 4);
        long local = k <= x ? k : m;
        int next = page.getInt(payload + (int) local);
        long chain = (total - local + usable - 5) / (usable - 4);
        for (long n = 0; n < chain && next != 0; n++) {
            if (pages.get(next)) {
                return null;
            }
            pages.set(next);
            load(next);
            next = page.getInt(0);
        }
        return pages;
    }

    private long[] varint(int at) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            int b = Byte.toUnsignedInt(page.get(at + i));
            if (i == 8) {
                return new long[] {(v << 8) | b, 9};
            }
            v = (v << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return new long[] {v, i + 1};
            }
        }
        throw new IllegalStateException();
    }

    private void load(int pgno) throws IOException {
        if (pgno < 1) {
            throw new IOException("page number " + pgno + " in a b-tree");
        }
        page.clear();
        read(page, (long) (pgno - 1) * pageSize);
    }

    private void read(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("the file ends before page " + (at / pageSize + 1));
            }
        }
        b.flip();
    }
}
