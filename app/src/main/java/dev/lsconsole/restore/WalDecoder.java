package dev.lsconsole.restore;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes one WAL index (a SQLite WAL file: 32-byte header, then frames of a 24-byte header and a page)
 * fed segment by segment, and keeps, per page, the latest version written by a committed transaction.
 *
 * <p>It checks what SQLite's recovery checks (magic, version, page size, header checksum, frame salts,
 * cumulative frame checksums) but fails loudly where SQLite would silently stop reading: a litestream
 * replica holds only committed frames, so a bad frame in the middle means a corrupt or missing object.
 * Segments must follow each other without a gap; frames after the last commit are left pending.
 */
final class WalDecoder implements AutoCloseable {
    static final int WAL_HEADER = 32;
    static final int FRAME_HEADER = 24;
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final String generation;
    private final int index;
    private final long memoryLimit;
    private final java.nio.file.Path spillDir;

    private PageLog pages;
    private int pageSize;
    private boolean bigEndianChecksums;
    private int salt1;
    private int salt2;
    private int s0;
    private int s1;
    private long position;
    private long frames;

    private int[] pendingPgno = new int[64];
    private long[] pendingSlot = new long[64];
    private int pendingCount;

    /** slot+1 of the latest committed (and not yet drained) version of each page; 0 = none. */
    private long[] committed = new long[0];
    private int[] touched = new int[64];
    private int touchedCount;
    private int commitPages = -1;

    /** Set when this index may write committed pages straight into the database (see {@link #writeThrough}). */
    private WriteTurn turn;
    private DbFile direct;
    private long directWrites;
    /** A written-through index flushes when its log holds this many pages (before it would spill). */
    private long flushPages;

    /**
     * The database a decoder may write into once every earlier WAL index is in it. Until then the decoder
     * keeps pages in its {@link PageLog} (memory, then a temp file); from then on each transaction is
     * written as it commits, so the index being applied never goes through the temp file.
     */
    interface WriteTurn {
        /** The database if it is this index's turn to write, else null. */
        DbFile ifMyTurn();
    }

    WalDecoder(String generation, int index, long memoryLimit, java.nio.file.Path spillDir) {
        this.generation = generation;
        this.index = index;
        this.memoryLimit = memoryLimit;
        this.spillDir = spillDir;
    }

    int pageSize() {
        return pageSize;
    }

    /** Lets this decoder write into the database from the first commit at which {@code turn} says so. */
    void writeThrough(WriteTurn turn) {
        this.turn = turn;
    }

    /** True when this index was written into the database while decoding ({@link #finishDirect} remains). */
    boolean isDirect() {
        return direct != null;
    }

    /** Bytes of this WAL index read so far (the offset the next segment must start at). */
    long position() {
        return position;
    }

    long frames() {
        return frames;
    }

    private String where() {
        return "generation " + generation + " index " + hex(index);
    }

    /**
     * Reads one decoded segment. {@code name} names it in errors; {@code offset} is where the replica
     * says it starts.
     */
    void feed(long offset, InputStream in, String name) throws IOException {
        if (offset != position) {
            if (position == 0) {
                throw new RestoreException("missing initial WAL segment of " + where() + ": first segment is "
                        + name + " at offset " + offset);
            }
            throw new RestoreException("WAL gap in " + where() + ": bytes " + position + ".." + offset
                    + " are missing before " + name);
        }
        if (position == 0) {
            readHeader(in, name);
        }
        byte[] frame = new byte[FRAME_HEADER + pageSize];
        while (true) {
            int n = in.readNBytes(frame, 0, frame.length);
            if (n == 0) {
                return;
            }
            if (n < frame.length) {
                throw new RestoreException("truncated WAL segment " + name + ": it ends " + n
                        + " bytes into a frame at offset " + position);
            }
            frame(frame, name);
        }
    }

    private void readHeader(InputStream in, String name) throws IOException {
        byte[] h = new byte[WAL_HEADER];
        if (in.readNBytes(h, 0, WAL_HEADER) < WAL_HEADER) {
            throw new RestoreException("truncated WAL segment " + name + ": shorter than a WAL header");
        }
        int magic = (int) BE.get(h, 0);
        if (magic != 0x377f0682 && magic != 0x377f0683) {
            throw new RestoreException("corrupt WAL segment " + name + ": bad WAL magic " + Integer.toHexString(magic));
        }
        bigEndianChecksums = (magic & 1) == 1;
        int version = (int) BE.get(h, 4);
        if (version != 3007000) {
            throw new RestoreException("corrupt WAL segment " + name + ": unsupported WAL version " + version);
        }
        int ps = (int) BE.get(h, 8);
        if (ps == 1) {
            ps = 65536;
        }
        if (ps < 512 || ps > 65536 || Integer.bitCount(ps) != 1) {
            throw new RestoreException("corrupt WAL segment " + name + ": invalid page size " + ps);
        }
        pageSize = ps;
        salt1 = (int) BE.get(h, 16);
        salt2 = (int) BE.get(h, 20);
        s0 = 0;
        s1 = 0;
        checksum(h, 0, 24);
        if (s0 != (int) BE.get(h, 24) || s1 != (int) BE.get(h, 28)) {
            throw new RestoreException("corrupt WAL segment " + name + ": WAL header checksum mismatch");
        }
        pages = new PageLog(pageSize, memoryLimit, spillDir);
        flushPages = Math.max(1, memoryLimit / pageSize * 3 / 4);
        position = WAL_HEADER;
    }

    private void frame(byte[] f, String name) {
        if ((int) BE.get(f, 8) != salt1 || (int) BE.get(f, 12) != salt2) {
            throw new RestoreException("corrupt WAL segment " + name + ": frame at offset " + position
                    + " does not belong to this WAL (salt mismatch)");
        }
        checksum(f, 0, 8);
        checksum(f, FRAME_HEADER, pageSize);
        if (s0 != (int) BE.get(f, 16) || s1 != (int) BE.get(f, 20)) {
            throw new RestoreException("corrupt WAL segment " + name + ": checksum mismatch in frame at offset "
                    + position);
        }
        int pgno = (int) BE.get(f, 0);
        int commit = (int) BE.get(f, 4);
        if (pgno <= 0) {
            throw new RestoreException("corrupt WAL segment " + name + ": invalid page number " + pgno
                    + " at offset " + position);
        }
        long slot = pages.append(f, FRAME_HEADER);
        if (pendingCount == pendingPgno.length) {
            pendingPgno = Arrays.copyOf(pendingPgno, pendingCount * 2);
            pendingSlot = Arrays.copyOf(pendingSlot, pendingCount * 2);
        }
        pendingPgno[pendingCount] = pgno;
        pendingSlot[pendingCount++] = slot;
        position += FRAME_HEADER + pageSize;
        frames++;
        if (commit != 0) {
            for (int i = 0; i < pendingCount; i++) {
                commitPage(pendingPgno[i], pendingSlot[i]);
            }
            pendingCount = 0;
            commitPages = commit;
            if (direct == null && turn != null) {
                direct = turn.ifMyTurn();
            }
            if (direct != null && pages.size() >= flushPages) {
                flushCommitted();
            }
        }
    }

    /**
     * Once this index is being applied: writes the latest committed version of each page kept so far
     * (sorted, each page once, as a checkpoint would) and empties the log, so it never spills to its temp
     * file. Pages beyond the final database size are cut by {@link #finishDirect}; the result is what a
     * checkpoint writes: the latest committed version of each page within the last commit's size.
     */
    private void flushCommitted() {
        checkPageSize(direct);
        ByteBuffer scratch = ByteBuffer.allocate(pageSize);
        Arrays.sort(touched, 0, touchedCount);
        try {
            for (int i = 0; i < touchedCount; i++) {
                int pgno = touched[i];
                direct.writePage(pgno, pages.page(committed[pgno] - 1, scratch));
                committed[pgno] = 0;
            }
        } catch (IOException e) {
            throw new LocalWriteException("cannot write " + direct.path() + ": " + e.getMessage(), e);
        }
        directWrites += touchedCount;
        touchedCount = 0;
        pages.reset();
    }

    /** Ends a written-through index: sets the file to the last commit's size. Returns pages written. */
    long finishDirect() throws IOException {
        flushCommitted();
        if (commitPages >= 0) {
            direct.truncate(commitPages);
        }
        return directWrites;
    }

    private void commitPage(int pgno, long slot) {
        if (pgno >= committed.length) {
            committed = Arrays.copyOf(committed, Math.max(pgno + 1, committed.length * 2));
        }
        if (committed[pgno] == 0) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = pgno;
        }
        committed[pgno] = slot + 1;
    }

    private void checksum(byte[] b, int off, int len) {
        int a = s0;
        int c = s1;
        int end = off + len;
        if (bigEndianChecksums) {
            for (int i = off; i < end; i += 8) {
                a += (int) BE.get(b, i) + c;
                c += (int) BE.get(b, i + 4) + a;
            }
        } else {
            for (int i = off; i < end; i += 8) {
                a += (int) LE.get(b, i) + c;
                c += (int) LE.get(b, i + 4) + a;
            }
        }
        s0 = a;
        s1 = c;
    }

    /**
     * Writes every committed page not yet written to {@code db} (only pages within the database size of
     * the last commit, as SQLite's checkpoint does) and sets the file to that size. Returns pages written.
     */
    long drainTo(DbFile db) throws IOException {
        return drainTo(db, null);
    }

    /** As {@link #drainTo(DbFile)}, recording in {@code changed} (if not null) each page written and the size set. */
    long drainTo(DbFile db, PageChanges changed) throws IOException {
        if (commitPages < 0) {
            return 0;
        }
        checkPageSize(db);
        Arrays.sort(touched, 0, touchedCount);
        ByteBuffer scratch = ByteBuffer.allocate(pageSize);
        long written = 0;
        for (int i = 0; i < touchedCount; i++) {
            int pgno = touched[i];
            long slot = committed[pgno] - 1;
            committed[pgno] = 0;
            if (pgno <= commitPages) {
                db.writePage(pgno, pages.page(slot, scratch));
                written++;
                if (changed != null) {
                    changed.page(pgno);
                }
            }
        }
        touchedCount = 0;
        long before = db.truncate(commitPages);
        if (changed != null) {
            changed.size(before, commitPages);
        }
        commitPages = -1;
        return written;
    }

    private void checkPageSize(DbFile db) {
        if (db.pageSize() != pageSize) {
            throw new RestoreException("WAL " + where() + " has page size " + pageSize + " but the database has "
                    + db.pageSize());
        }
    }

    @Override
    public void close() {
        if (pages != null) {
            pages.close();
        }
    }

    static String hex(int index) {
        return dev.lsconsole.replica.Layout.hex8(index);
    }
}
