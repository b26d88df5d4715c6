package dev.lsconsole.ui.error;

import dev.lsconsole.config.ConfigException;
import dev.lsconsole.diff.DiffException;
import dev.lsconsole.inspect.InspectException;
import dev.lsconsole.live.LiveException;
import dev.lsconsole.push.PushException;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.RestoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into what the error window says: one sentence what happened, one what to do. */
public final class Problems {
    public record Problem(String what, String todo) {
    }

    private Problems() {
    }

    public static Problem of(Throwable t) {
        Throwable e = unwrap(t);
        String what = firstLine(e);
        String todo;
        if (e instanceof ConfigException) {
            todo = "Fix the configuration (it is read like litestream reads it) and open it again.";
        } else if (e instanceof ReplicaException && onThisMachine(e)) {
            todo = "This replica is a folder on this machine: check that the folder and the file named are still "
                    + "there and readable (it may have been moved or deleted).";
        } else if (e instanceof ReplicaException) {
            todo = "Check the endpoint, bucket, path and credentials, and that the storage is reachable from here.";
        } else if (e instanceof RestoreException) {
            todo = "Pick another restore point or generation; nothing was written to the output.";
        } else if (e instanceof LiveException) {
            todo = "Check that the pod is running, the container and database path are right, and sqlite3 is in it.";
        } else if (e instanceof PushException) {
            todo = "The message says what reached the live database; the audit log and undo script have the details.";
        } else if (e instanceof DiffException || e instanceof InspectException) {
            todo = "Check that both files are SQLite databases and are still there.";
        } else if (e instanceof dev.lsconsole.timetravel.TimeTravelException) {
            todo = "Check the table, the row's key, the query or the two moments; nothing was written.";
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            todo = "Check the disk space and the permissions of the directory named.";
        } else {
            todo = "See the details below and the log file; the operation did not complete.";
        }
        return new Problem(what, todo);
    }

    /** A file replica's failure, here or as a cause (a restore wraps what the replica said). */
    private static boolean onThisMachine(Throwable e) {
        Throwable c = e;
        for (int depth = 0; c != null && depth < 16; depth++, c = c.getCause()) { // bounded: causes may loop
            if (c instanceof ReplicaException r && r.isOnThisMachine()) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException
                || (e instanceof RuntimeException && e.getClass() == RuntimeException.class && e.getCause() != null))
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        }
        String line = m.strip().lines().findFirst().orElse(m);
        return Character.toUpperCase(line.charAt(0)) + line.substring(1) + (line.endsWith(".") ? "" : ".");
    }
}
