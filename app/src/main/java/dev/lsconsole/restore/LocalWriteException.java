package dev.lsconsole.restore;

/**
 * A file on this machine could not be written (the restored file, a temp page file, a working copy): a
 * full disk, a read-only or missing folder. Kept apart from a fault of the replica's objects because a
 * health check must stop on it ("could not check") instead of reporting a sound object as corrupt.
 */
public class LocalWriteException extends RestoreException {
    private static final long serialVersionUID = 1L;

    public LocalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
