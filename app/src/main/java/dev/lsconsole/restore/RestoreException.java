package dev.lsconsole.restore;

/** A restore or plan failed; the message is one line naming the object or path and the reason. */
public class RestoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
