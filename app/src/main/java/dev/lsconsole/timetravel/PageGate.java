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
 */
final class PageGate<S> {
    private final Probe<S> probe;
    private final boolean tracked;
    private BitSet pages;
    private byte[] page1;
    private S last;
    private int probed;

    /** {@code tracked}: the walk reports the pages each point changed ({@link Walk#tracksPages}). */
    PageGate(Probe<S> probe, boolean tracked) {
        this.probe = probe;
        this.tracked = tracked;
    }

    /** The probe's result at this point ({@code changed} null: anything may have changed). */
    S at(Path db, PageChanges changed) {
        if (!mustRead(db, changed)) {
            return last;
        }
        last = probe.read(db);
        probed++;
        if (tracked) {
            ReadSet r = ReadSet.of(db, probe);
            pages = r == null ? null : r.pages();
            page1 = r == null ? null : r.page1();
        }
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
