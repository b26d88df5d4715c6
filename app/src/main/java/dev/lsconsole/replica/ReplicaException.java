package dev.lsconsole.replica;

/** A replica could not be read; the message names the replica or object and the reason, on one line. */
public class ReplicaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplicaException(String message) {
        super(message);
    }

    public ReplicaException(String message, Throwable cause) {
        super(message, cause);
    }
}
