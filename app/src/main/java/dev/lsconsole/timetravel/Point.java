package dev.lsconsole.timetravel;

import java.time.Instant;

/**
 * A restore point as {@code restore -timestamp} reaches it: the state after every object of the generation
 * created at or before {@code time}. {@code index}/{@code offset} name the last WAL segment applied
 * ({@code offset} -1: the snapshot alone); a v0.5 point names its TXID instead.
 */
public record Point(Instant time, int index, long offset, long txid) {
    /** A v0.3 point (no TXID). */
    public Point(Instant time, int index, long offset) {
        this(time, index, offset, 0);
    }

    /** A v0.5 point: the state at a TXID (no WAL index or offset). */
    public static Point ofTxid(Instant time, long txid) {
        return new Point(time, -1, -1, txid);
    }

    public boolean isLtx() {
        return txid != 0;
    }
}
