package dev.lsconsole.replica;

/** A replica could not be read; the message names the replica or object and the reason, on one line. */
public class ReplicaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

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
}
