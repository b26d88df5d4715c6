package dev.lsconsole.restore;

import java.util.BitSet;

/**
 * The pages one or more steps of a working copy wrote, and the database size they left: what time travel
 * needs to know that a restore point cannot have changed a probe's result (none of the pages it reads
 * were written). Kept as a bit per page number, so memory grows with the database's page count at most.
 */
public final class PageChanges {
    private final BitSet pages = new BitSet();
    private long pageCount = -1;
    private boolean sizeChanged;

    /** Records that page {@code pgno} was written. */
    public void page(int pgno) {
        pages.set(pgno);
    }

    /** Records the database size a step left ({@code before} and {@code after} in pages). */
    public void size(long before, long after) {
        pageCount = after;
        sizeChanged |= before != after;
    }

    /** True when page {@code pgno} was written. */
    public boolean wrote(int pgno) {
        return pages.get(pgno);
    }

    /** True when any page in {@code set} was written. */
    public boolean wroteAny(BitSet set) {
        return pages.intersects(set);
    }

    /** True when a step set the database to a different size. */
    public boolean sizeChanged() {
        return sizeChanged;
    }

    /** The database size in pages after the last step recorded, -1 if no step set it. */
    public long pageCount() {
        return pageCount;
    }

    /** How many distinct pages were written. */
    public int written() {
        return pages.cardinality();
    }

    /** Forgets everything recorded (the next restore point starts afresh). */
    public void clear() {
        pages.clear();
        pageCount = -1;
        sizeChanged = false;
    }
}
