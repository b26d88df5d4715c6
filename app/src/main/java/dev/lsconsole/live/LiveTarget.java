package dev.lsconsole.live;

import java.nio.file.Path;

/**
 * The live database a recovery writes back to. Reading never changes it; writing happens only through
 * {@link #execute}, which the push step calls after an explicit confirmation.
 */
public interface LiveTarget {
    /** The address, e.g. {@code /srv/app.db} or {@code k8s://ctx@ns/pod:container/data/app.db}. */
    String address();

    /** The database path where it lives (inside the pod for Kubernetes). */
    String dbPath();

    /**
     * Copies a consistent snapshot of the live database to {@code local} (which must not exist): SQLite's
     * online backup from a read-only connection, so a database in WAL mode is read as of one transaction.
     */
    void snapshotTo(Path local);

    /** Runs a script on the live database with sqlite3 and returns what it printed; fails on any error. */
    SqliteShell.Result execute(String script, int timeoutSeconds);

    /** Runs a script on a read-only connection (TEMP tables allowed); fails on any error. */
    SqliteShell.Result query(String script, int timeoutSeconds);
}
