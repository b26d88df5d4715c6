package dev.lsconsole.live;

/** A live database could not be read or written; one line naming the target and the reason. */
public class LiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LiveException(String message) {
        super(message);
    }

    public LiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
