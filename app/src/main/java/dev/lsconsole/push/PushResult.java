package dev.lsconsole.push;

import java.nio.file.Path;

/**
 * A finished push: what was written where, the undo script, how many rows did not read back exactly, and
 * the audited outcome ("ok", "unverified", or one of {@link Pusher}'s "interrupted: …" outcomes).
 */
public record PushResult(String target, String table, int inserts, int updates, long notVerified, Path undoScript,
                         String outcome) {
    /** True when a signal interrupted the push (the outcome says whether live was written). */
    public boolean interrupted() {
        return outcome.startsWith("interrupted");
    }

    public boolean verified() {
        return notVerified == 0;
    }
}
