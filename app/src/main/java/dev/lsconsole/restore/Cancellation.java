package dev.lsconsole.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A flag a long job checks between units of work; the GUI's cancel button and Ctrl-C set it. Work that
 * cannot check a flag (a running SQLite statement, a temp file to drop) registers a listener, and the
 * job's final step (publishing a file) runs through {@link #commit} so a cancel either stops it or comes
 * too late, never in between.
 */
public final class Cancellation {
    private final Cancellation parent;
    private final Cancellation root;
    private volatile boolean cancelled;
    private boolean committed; // on the root, guarded by it
    private final List<Listener> listeners = new ArrayList<>(); // on the root, guarded by it

    private record Listener(Cancellation owner, Runnable action) {
    }

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
        this.root = parent == null ? this : parent.root;
    }

    /** A token cancelled with this one, or on its own without touching this one. */
    public Cancellation child() {
        return new Cancellation(this);
    }

    /**
     * Cancels the job (and whatever it does next). Returns false if the cancel came too late: a step
     * of this token tree already {@link #commit committed}. Listeners run on the calling thread.
     */
    public boolean cancel() {
        List<Runnable> run = new ArrayList<>();
        boolean tooLate;
        synchronized (root) {
            cancelled = true;
            tooLate = root.committed;
            for (Listener l : root.listeners) {
                if (l.owner.isCancelled()) {
                    run.add(l.action);
                }
            }
            root.listeners.removeIf(l -> l.owner.isCancelled());
        }
        run.forEach(Cancellation::runQuietly);
        return !tooLate;
    }

    public boolean isCancelled() {
        return cancelled || parent != null && parent.isCancelled();
    }

    public void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Runs {@code action} when this token is cancelled (at once if it already is) until the returned
     * handle is closed. Actions must be quick and must not throw.
     */
    public AutoCloseable onCancel(Runnable action) {
        Listener l = new Listener(this, action);
        synchronized (root) {
            if (!isCancelled()) {
                root.listeners.add(l);
                return () -> {
                    synchronized (root) {
                        root.listeners.remove(l);
                    }
                };
            }
        }
        runQuietly(action);
        return () -> { };
    }

    /**
     * Runs the job's last step atomically with respect to {@link #cancel}: throws
     * {@link CancellationException} (without running it) if cancelled, else runs it, after which
     * {@link #cancel} reports it came too late.
     */
    public void commit(Runnable action) {
        synchronized (root) {
            check();
            action.run();
            root.committed = true;
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the others or the cancel itself
        }
    }
}
