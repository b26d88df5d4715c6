package dev.lsconsole.timetravel;

import dev.lsconsole.restore.PageChanges;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Reads a probe only at the restore points that may have changed its result. It keeps the pages the last
 * read depended on (see {@link ReadSet}) and the part of page 1 SQLite reads for any query (the header
 * fields that are not counters, and the {@code sqlite_schema} root), and reads again only when a point's
 * steps wrote one of those pages, changed that part of page 1, or cut the file below one of them; otherwise
 * the point has the last result. After each read it takes the pages anew, since writes move rows.
 *
 * <p>Taking the pages costs more than one read; when the pages are written at point after point (the
 * probe's own table is the busy one) it stops taking them for a while and reads at every point, as
 * without skipping, then tries again.
 */
final class PageGate<S> {
    private final Probe<S> probe;
    private final boolean tracked;
    private BitSet pages;
    private byte[] page1;
    private S last;
    private int probed;
    /** Reads in a row forced by a write to the kept pages at the very next point. */
    private int streak;
    /** Points still to read without taking pages, and how long the next such rest is. */
    private int resting;
    private int rest = 8;

    /** {@code tracked}: the walk reports the pages each point changed ({@link Walk#tracksPages}). */
    PageGate(Probe<S> probe, boolean tracked) {
        this.probe = probe;
        this.tracked = tracked;
    }

    /** The probe's result at this point ({@code changed} null: anything may have changed). */
    S at(Path db, PageChanges changed) {
        if (resting > 0) {
            resting--;
            return read(db);
        }
        boolean forced = changed != null && pages != null;
        if (!mustRead(db, changed)) {
            streak = 0;
            rest = 8;
            return last;
        }
        read(db);
        if (tracked) {
            streak = forced ? streak + 1 : 0;
            if (streak >= 3) {
                streak = 0;
                pages = null;
                resting = rest;
                rest = Math.min(rest * 2, 256);
                return last;
            }
            ReadSet r = ReadSet.of(db, probe);
            pages = r == null ? null : r.pages();
            page1 = r == null ? null : r.page1();
            if (r == null) { // nothing to keep: read at every point for a while before asking again
                resting = rest;
                rest = Math.min(rest * 2, 256);
            }
        }
        return last;
    }

    private S read(Path db) {
        last = probe.read(db);
        probed++;
        return last;
    }

    private boolean mustRead(Path db, PageChanges changed) {
        if (changed == null || pages == null) {
            return true;
        }
        if (changed.pageCount() >= 0 && pages.length() - 1 > changed.pageCount()) {
            return true;
        }
        if (changed.wrote(1) && !Arrays.equals(page1, ReadSet.page1(db))) {
            return true;
        }
        return changed.wroteAny(pages);
    }

    /** How many times the probe was read. */
    int probed() {
        return probed;
    }
}
