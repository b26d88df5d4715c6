package dev.lsconsole.push;

/** A push was refused or failed; one line naming the table or target and the reason. */
public class PushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PushException(String message) {
        super(message);
    }

    public PushException(String message, Throwable cause) {
        super(message, cause);
    }
}
