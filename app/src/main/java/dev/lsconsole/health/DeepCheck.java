package dev.lsconsole.health;

import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.ReplicaException;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.LocalWriteException;
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
import java.util.List;

/**
 * verify --deep: restores each snapshot alone, and a generation's newest point, with the restore engine
 * into a temp file and runs SQLite's integrity_check on it, because sound objects can still make a broken
 * database (a writer that corrupted its own pages, or a bug in litestream). The temp file is always removed.
 */
final class DeepCheck {
    private final Verifier.Options options;
    private final Cancellation cancel;

    DeepCheck(Verifier.Options options, Cancellation cancel) {
        this.options = options;
        this.cancel = cancel;
    }

    /** Restores one snapshot alone (no WAL); returns its {@code integrity} problem, or null when it is sound. */
    Problem snapshot(Replica replica, SnapshotInfo s) {
        String key = Layout.snapshotKey("", s.generation(), s.index());
        RestorePlan plan = new RestorePlan(replica, s.generation(), s, List.of(), null, List.of());
        String failure = restore(plan, s.generation() + "-" + Layout.hex8(s.index()) + ".db");
        return failure == null ? null : new Problem(Kind.INTEGRITY, replica.name(), key, "snapshot "
                + Layout.hex8(s.index()) + " of generation " + s.generation() + " (" + s.createdAt() + ") " + failure);
    }

    /** Checks the generation's newest point; returns its last window, with a note when the check was skipped. */
    Window newest(Replica replica, String generation, Window window, ReplicaReport report) {
        if (!window.restorable()) {
            return window;
        }
        if (window.note() != null) {
            return new Window(generation, window.from(), window.to(), window.note()
                    + "; deep check skipped: the generation's objects have faults");
        }
        RestorePlan plan;
        try {
            plan = new RestorePlanner().plan(replica, generation, new RestoreOptions(null, generation, null, null), null);
        } catch (RestoreException | ReplicaException e) {
            plan = null;
            report.add(problem(replica, generation, "cannot be restored: " + e.getMessage()));
        }
        String failure = plan == null ? null : restore(plan, generation + ".db");
        if (failure != null) {
            report.add(problem(replica, generation, "(" + plan.restoresTo() + ") " + failure));
        }
        return window;
    }

    private static Problem problem(Replica replica, String generation, String what) {
        return new Problem(Kind.INTEGRITY, replica.name(), "generations/" + generation + "/",
                "newest point of generation " + generation + " " + what);
    }

    /** Restores {@code plan} to a temp file and checks it; null when sound, else what is wrong. */
    private String restore(RestorePlan plan, String fileName) {
        Path out = options.tempDir().resolve(fileName);
        try {
            RestoreResult r = new RestoreEngine(options.threads(), Verify.FULL)
                    .restore(plan, out, RestoreProgress.Listener.NONE, cancel);
            return r.checkedOk() ? null : "fails the check: " + r.integrity();
        } catch (LocalWriteException e) {
            throw e; // this machine's fault, not the replica's: verify could not check
        } catch (RestoreException | ReplicaException e) {
            return "cannot be restored: " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the temp folder is removed with it
            }
        }
    }
}
