package dev.lsconsole.health;

import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestoreException;
import dev.lsconsole.restore.RestoreOptions;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * verify --deep: restores a generation's newest point with the restore engine into a temp file and
 * runs SQLite's integrity_check on it, because sound objects can still make a broken database (a writer
 * that corrupted its own pages, or a bug in litestream). The temp file is always removed.
 */
final class DeepCheck {
    private final Verifier.Options options;
    private final Cancellation cancel;

    DeepCheck(Verifier.Options options, Cancellation cancel) {
        this.options = options;
        this.cancel = cancel;
    }

    /** Checks the generation's newest point; returns its window, with a note when the check was skipped. */
    Window check(Replica replica, String generation, Window window, ReplicaReport report) {
        String key = "generations/" + generation + "/";
        if (window.note() != null) {
            return new Window(generation, window.from(), window.to(), window.note()
                    + "; deep check skipped: the generation's objects have faults");
        }
        Path out = options.tempDir().resolve(generation + ".db");
        try {
            RestorePlan plan = new RestorePlanner().plan(replica, generation,
                    new RestoreOptions(null, generation, null, null), null);
            RestoreResult r = new RestoreEngine(options.threads(), Verify.FULL)
                    .restore(plan, out, RestoreProgress.Listener.NONE, cancel);
            if (!r.checkedOk()) {
                report.add(new Problem(Kind.INTEGRITY, replica.name(), key, "newest point of generation "
                        + generation + " (" + plan.restoresTo() + ") fails the check: " + r.integrity()));
            }
        } catch (RestoreException | ReplicaException e) {
            report.add(new Problem(Kind.INTEGRITY, replica.name(), key, "newest point of generation " + generation
                    + " cannot be restored: " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the temp folder is removed with it
            }
        }
        return window;
    }
}
