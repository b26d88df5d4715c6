package dev.lsconsole.cli;

import java.util.concurrent.CountDownLatch;

/**
 * What every CLI command that must answer Ctrl-C or SIGTERM shares: a JVM shutdown hook installed for the
 * command's run (SIGINT and SIGTERM end the JVM through it), a latch the command counts down when it ends
 * (the hook then waits no longer), whether the signal came, and the hook's removal when the command ended
 * without one. Subclasses say what the signal means for their work in {@link #onSignal}.
 */
abstract class SignalHook implements AutoCloseable {
    /** Counted down when the command's work ended (or when it reports that it will). */
    protected final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean fired;

    protected SignalHook(String threadName) {
        hook = new Thread(() -> {
            fired = true;
            onSignal();
        }, threadName);
    }

    /** Registers the hook; call once, right after construction. */
    protected final void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs on the hook's thread when the signal came ({@link #fired()} is already true). */
    protected abstract void onSignal();

    /** Waits until the hook has run to its end (only after the signal came). */
    protected final void joinHook() throws InterruptedException {
        hook.join();
    }

    /** True once the signal came. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and reports
        }
    }
}
