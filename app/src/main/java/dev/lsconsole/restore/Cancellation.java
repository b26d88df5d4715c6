package dev.lsconsole.restore;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a long job checks between units of work; the GUI's cancel button and Ctrl-C set it. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Cancellation parent;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /** A token cancelled with this one, or on its own without touching this one. */
    public Cancellation child() {
        return new Cancellation(this);
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || parent != null && parent.isCancelled();
    }

    public void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
