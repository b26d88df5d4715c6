package dev.lsconsole.timetravel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Set;

/**
 * The pages a probe's read depends on at one state of the database: every page (interior, leaf, overflow)
 * of the b-trees it names and of {@code sqlite_schema}'s b-tree, listed by SQLite's own {@code dbstat}
 * table; page 1 apart, kept as the bytes of it that reads depend on (its header's counters, which every
 * growing commit rewrites, are blanked), so a commit elsewhere that only grows the file does not count.
 */
record ReadSet(BitSet pages, byte[] page1) {
    private static final String SCHEMA = "sqlite_schema";
    /** More pages than this and the set is not taken (listing them costs more than the reads it saves). */
    static final int MAX_PAGES = 1024;

    /** The probe's read set at {@code db}, or null when the probe cannot name what it reads. */
    static ReadSet of(Path db, Probe<?> probe) {
        try (Connection c = Snapshot.open(db)) {
            BitSet pages = probe.pages(c, db);
            BitSet schema = pages == null ? null : btreePages(c, Set.of(SCHEMA));
            if (schema == null) {
                return null;
            }
            pages.or(schema);
            pages.clear(1);
            return new ReadSet(pages, page1(db));
        } catch (SQLException e) {
            throw new TimeTravelException("cannot list the pages of " + db + ": " + e.getMessage(), e);
        }
    }

    /** Every page of the b-trees {@code names}, or null when one is unknown or they hold more than {@link #MAX_PAGES}. */
    static BitSet btreePages(Connection c, Set<String> names) throws SQLException {
        BitSet pages = new BitSet();
        try (PreparedStatement ps = c.prepareStatement("SELECT pageno FROM dbstat WHERE name = ? LIMIT ?")) {
            for (String name : names) {
                if (!addPages(ps, name, pages)) {
                    return null;
                }
            }
        }
        return pages;
    }

    /**
     * Adds the pages of b-tree {@code name}; false when dbstat knows no page of it (then nothing is sure) or
     * the set grows beyond {@link #MAX_PAGES}.
     */
    private static boolean addPages(PreparedStatement ps, String name, BitSet pages) throws SQLException {
        int room = MAX_PAGES - pages.cardinality();
        ps.setString(1, name);
        ps.setInt(2, room + 1);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pages.set(rs.getInt(1));
                n++;
            }
        }
        return n > 0 && n <= room;
    }

    /**
     * Page 1 as reads see it: the whole page with the change counter, the in-header size, the freelist head
     * and count (bytes 24..39) and the version-valid-for number and SQLite version (92..99) blanked.
     */
    static byte[] page1(Path db) {
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(100);
            readFully(ch, h, 0);
            int ps = Short.toUnsignedInt(h.getShort(16));
            ByteBuffer page = ByteBuffer.allocate(ps == 1 ? 65536 : ps);
            readFully(ch, page, 0);
            byte[] b = page.array();
            java.util.Arrays.fill(b, 24, 40, (byte) 0);
            java.util.Arrays.fill(b, 92, 100, (byte) 0);
            return b;
        } catch (IOException e) {
            throw new TimeTravelException("cannot read page 1 of " + db + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                throw new IOException("the file ends inside page 1");
            }
        }
    }
}
