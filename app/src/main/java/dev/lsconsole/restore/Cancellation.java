package dev.lsconsole.restore;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a long job checks between units of work; the GUI's cancel button and Ctrl-C set it. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void check() {
        if (cancelled.get()) {
            throw new CancellationException("cancelled");
        }
    }
}
