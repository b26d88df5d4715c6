package dev.lsconsole.cli;

import dev.lsconsole.push.PushResult;
import dev.lsconsole.push.Pusher;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a push command. Before the push began (reading live, planning, asking), nothing
 * was written, and it says so at once. While a push writes to live: the JVM's exit waits (bounded) for the push to end on
 * its own and to read back whether live was written (the pusher audits that outcome), then says which in
 * one line on stderr; the JVM then exits 130/143 as a shell would. Without it the exit cut the push short
 * silently, its audit entry left at "started", written or not.
 */
final class PushSignal extends SignalHook {
    /** How long the exit waits for the push to end and read back (bounded: a SIGKILL may follow). */
    static final long WAIT_MS = 20_000;
    /** How long an error waits for a signal that may have caused it. */
    static final long GRACE_MS = 200;

    private final PrintStream err;
    private final String target;
    private volatile Pusher pusher; // set before begun
    private volatile boolean begun;
    private volatile String outcome;

    private PushSignal(PrintStream err, String target) {
        super("lsc-push-signal");
        this.err = err;
        this.target = target;
    }

    /** Installs the handler for one push command to {@code target}; close it when the command ended. */
    static PushSignal install(PrintStream err, String target) {
        PushSignal s = new PushSignal(err, target);
        s.install();
        return s;
    }

    /**
     * True when the signal came, waiting up to {@link #GRACE_MS} for it: an error can be the signal's own doing
     * (sqlite3 or its start stopped by the same Ctrl-C) and reach the command a moment before the handler
     * runs; then the handler's line is the one to show, not the error.
     */
    boolean firedAfterError() {
        long end = System.nanoTime() + GRACE_MS * 1_000_000;
        while (!fired() && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fired();
    }

    /**
     * Once the signal came, the JVM is exiting: it exits with the signal's status (130, 143) when this handler
     * is done. The command must not return: Main's own System.exit(1) would race it and could win.
     */
    void awaitExit() {
        while (true) {
            try {
                joinHook();
                Thread.sleep(WAIT_MS); // the halt follows the last hook; this is only a bound on the loop's pace
            } catch (InterruptedException e) {
                // keep waiting: the exit is under way
            }
        }
    }

    /**
     * The push is about to begin with {@code p}: from now on a signal waits for its outcome. (The pusher checks
     * {@link #fired} before it touches live; set before that check, so a signal either is seen there or waits.)
     */
    void begin(Pusher p) {
        pusher = p;
        begun = true;
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

    @Override
    protected void onSignal() { // the pusher then finds out and records whether live was written
        if (!begun) {
            err.println("push " + Pusher.NOT_STARTED + " to " + target);
            err.flush();
            return;
        }
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
        err.println(Pusher.NOT_STARTED.equals(o) ? "push " + o + " to " + target // no audit entry was made
                : "ok".equals(o) || "unverified".equals(o)
                ? "push ended before the signal: " + o + "; audit log " + pusher.auditLog() // it finished first
                : "push " + (o != null && o.startsWith("interrupted") ? o : "interrupted: " + o) + "; audit log "
                + pusher.auditLog());
        err.flush();
    }
}
