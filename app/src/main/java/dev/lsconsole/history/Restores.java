package dev.lsconsole.history;

import dev.lsconsole.ltx.LtxPlan;
import dev.lsconsole.ltx.LtxRestore;
import dev.lsconsole.restore.Cancellation;
import dev.lsconsole.restore.RestoreEngine;
import dev.lsconsole.restore.RestorePlan;
import dev.lsconsole.restore.RestoreProgress;
import dev.lsconsole.restore.RestoreResult;
import dev.lsconsole.restore.Verify;
import java.nio.file.Path;

/** Runs a planned restore with the engine of its format: one call for the CLI, the window and health. */
public final class Restores {
    private final int parallelism;
    private final Verify verify;

    public Restores(int parallelism, Verify verify) {
        this.parallelism = parallelism;
        this.verify = verify;
    }

    public RestoreResult run(Plan plan, Path output, RestoreProgress.Listener listener, Cancellation cancel) {
        if (plan instanceof RestorePlan p) {
            return new RestoreEngine(parallelism, verify).restore(p, output, listener, cancel);
        }
        if (plan instanceof LtxPlan p) {
            return new LtxRestore(parallelism, verify).restore(p, output, listener, cancel);
        }
        throw new IllegalArgumentException("no restore engine for " + plan.getClass().getSimpleName());
    }
}
