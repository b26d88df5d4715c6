package dev.lsconsole.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A SQLite database file being rebuilt: pages are written in place, the size set per commit. */
final class DbFile implements AutoCloseable {
    private final Path path;
    private final FileChannel ch;
    private int pageSize;

    DbFile(Path path, boolean create) throws IOException {
        this.path = path;
        this.ch = create
                ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!create) {
            readPageSize();
        }
    }

    Path path() {
        return path;
    }

    /** Reads the page size from the SQLite header (offset 16, big-endian, 1 = 65536). */
    void readPageSize() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(100);
        while (h.hasRemaining()) {
            if (ch.read(h, h.position()) < 0) {
                throw new RestoreException("not a SQLite database (shorter than its header): " + path);
            }
        }
        byte[] magic = new byte[16];
        h.get(0, magic);
        if (!new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            throw new RestoreException("not a SQLite database (bad header): " + path);
        }
        int ps = Short.toUnsignedInt(h.getShort(16));
        pageSize = ps == 1 ? 65536 : ps;
    }

    int pageSize() {
        return pageSize;
    }

    void writePage(int pgno, ByteBuffer page) throws IOException {
        long at = (long) (pgno - 1) * pageSize;
        while (page.hasRemaining()) {
            at += ch.write(page, at);
        }
    }

    /** Sets the file to {@code pages} pages; returns how many it had before. */
    long truncate(int pages) throws IOException {
        long size = (long) pages * pageSize;
        long before = ch.size() / pageSize;
        if (ch.size() > size) {
            ch.truncate(size);
        } else if (ch.size() < size) {
            ch.write(ByteBuffer.allocate(1), size - 1); // SQLite's truncate also extends
        }
        return before;
    }

    void sync() throws IOException {
        ch.force(true);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
