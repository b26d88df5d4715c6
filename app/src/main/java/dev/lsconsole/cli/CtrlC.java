package dev.lsconsole.cli;

import dev.lsconsole.restore.Cancellation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) during a restore: cancels it (stopping a running integrity check and dropping the
 * temp file at once), gives the restore a moment to finish cleaning up, says so in one line, and lets
 * the JVM exit with 130 as a shell would. The restore publishes through {@link Cancellation#commit},
 * so after the signal nothing can appear at the output path.
 */
final class CtrlC extends SignalHook {
    private static final long CLEANUP_WAIT_MS = 600;
    private static final long FINISH_WAIT_MS = 2000;

    private final Cancellation token = new Cancellation();
    private final PrintStream err;
    private volatile Path out;
    private volatile boolean restoring;

    private CtrlC(PrintStream err, Path out) {
        super("lsc-ctrl-c");
        this.err = err;
        this.out = out;
    }

    /** Installs the handler for a restore to {@code out} (null: not known yet); close it when the command ends. */
    static CtrlC install(PrintStream err, Path out) {
        CtrlC c = new CtrlC(err, out);
        c.install();
        return c;
    }

    /** The output path, once the config named it. */
    void output(Path path) {
        out = path;
    }

    Cancellation token() {
        return token;
    }

    /** Marks the start of work that creates temp files; throws if the signal already came. */
    void startRestore() {
        restoring = true;
        token.check(); // after the flag: either the handler waits for our cleanup or we start nothing
    }

    @Override
    protected void onSignal() { // the handler reports; the command only returns
        boolean stopped = token.cancel();
        try {
            if (!stopped) {
                finished.await(FINISH_WAIT_MS, TimeUnit.MILLISECONDS);
                err.println("interrupted after the restore was written to " + out);
            } else {
                if (restoring) {
                    finished.await(CLEANUP_WAIT_MS, TimeUnit.MILLISECONDS);
                }
                err.println("restore cancelled: nothing written" + (out == null ? "" : " to " + out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }
}
