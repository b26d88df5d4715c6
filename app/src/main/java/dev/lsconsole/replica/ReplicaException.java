package dev.lsconsole.replica;

/** A replica could not be read; the message names the replica or object and the reason, on one line. */
public class ReplicaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private boolean onThisMachine;

    public ReplicaException(String message) {
        this(message, null, false);
    }

    public ReplicaException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** {@code retryable}: a transport failure (refused, reset, timed out, a 5xx) that a second try may not meet. */
    public ReplicaException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** One from a file replica: its folder and files are on this machine (no endpoint, bucket or credentials). */
    public static ReplicaException onThisMachine(String message, Throwable cause) {
        ReplicaException e = new ReplicaException(message, cause);
        e.onThisMachine = true;
        return e;
    }

    public static ReplicaException onThisMachine(String message) {
        return onThisMachine(message, null);
    }

    /** Whether it came from a file replica (see {@link #onThisMachine(String, Throwable)}). */
    public boolean isOnThisMachine() {
        return onThisMachine;
    }
}
