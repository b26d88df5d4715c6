package dev.lsconsole.health;

import java.util.Locale;

/**
 * The documented set of problems a health check reports (the "kind" of a JSON problem). A {@code fail}
 * kind means a restore would lose data or pick the wrong data; a {@code warn} kind needs a look.
 */
public enum Kind {
    /** An object's bytes are wrong: LZ4 frame or checksum, WAL header, salt or frame checksum, SQLite header. */
    CORRUPT(true),
    /** An object ends early (LZ4 stream, WAL frame, snapshot pages). */
    TRUNCATED(true),
    /** WAL bytes or whole WAL indexes are missing between two objects of a generation. */
    GAP(true),
    /** Two WAL segments of one index cover the same bytes. */
    OVERLAP(true),
    /** A generation has WAL segments but no snapshot to apply them to: nothing of it can be restored. */
    MISSING_SNAPSHOT(true),
    /** An object was listed but could not be read (permissions, network, removed meanwhile). */
    UNREADABLE(true),
    /** The newest point restored (verify --deep) fails SQLite's integrity_check, or cannot be restored. */
    INTEGRITY(true),
    /** The replica holds no generation: not a litestream replica, or nothing replicated yet. */
    EMPTY(true),
    /** The newest object is older than --max-lag: replication stopped or is stuck. */
    LAG(true),
    /** Two or more generations were written at the same time: more than one process replicates here. */
    CONCURRENT_WRITERS(true),
    /** More generations started in the last day than --max-churn: the database keeps losing its WAL position. */
    CHURN(false),
    /** An object under the replica's root that is not part of litestream's layout. */
    STRAY_OBJECT(false);

    private final boolean fail;

    Kind(boolean fail) {
        this.fail = fail;
    }

    public boolean fails() {
        return fail;
    }

    /** The name in reports and JSON: lower case, '-' between words. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind an {@code ObjectChecks.Fault} names. */
    static Kind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
