package dev.lsconsole.cli;

import dev.lsconsole.push.PushResult;
import dev.lsconsole.push.Pusher;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM while a push writes to live: the JVM's exit waits (bounded) for the push to end on
 * its own and to read back whether live was written (the pusher audits that outcome), then says which in
 * one line on stderr; the JVM then exits 130/143 as a shell would. Without it the exit cut the push short
 * silently, its audit entry left at "started", written or not.
 */
final class PushSignal implements AutoCloseable {
    /** How long the exit waits for the push to end and read back (bounded: a SIGKILL may follow). */
    static final long WAIT_MS = 20_000;

    private final PrintStream err;
    private final Pusher pusher;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean fired;
    private volatile String outcome;

    private PushSignal(PrintStream err, Pusher pusher) {
        this.err = err;
        this.pusher = pusher;
        this.hook = new Thread(this::onSignal, "lsc-push-signal");
    }

    /** Installs the handler for one push; close it when the push ended. */
    static PushSignal install(PrintStream err, Pusher pusher) {
        PushSignal s = new PushSignal(err, pusher);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** True once the signal came (the pusher then finds out and records whether live was written). */
    boolean fired() {
        return fired;
    }

    /** The push ended with {@code r}. */
    void finished(PushResult r) {
        outcome = r.outcome();
        finished.countDown();
    }

    /** The push ended with an error the command reports (or, after the signal, this handler). */
    void failed(String message) {
        outcome = message;
        finished.countDown();
    }

    private void onSignal() {
        fired = true;
        try {
            if (!finished.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                outcome = Pusher.UNKNOWN + " (the push did not end within " + WAIT_MS / 1000 + " s)";
                pusher.abandon();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Pusher.UNKNOWN;
            pusher.abandon();
        }
        String o = outcome;
        err.println("push " + (o != null && o.startsWith("interrupted") ? o : "interrupted: " + o) + "; audit log "
                + pusher.auditLog());
        err.flush();
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the handler is running and reports
        }
    }
}
