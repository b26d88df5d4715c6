package dev.lsconsole.diff;

/** A comparison could not be made; the message names the table and the reason. */
public class DiffException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DiffException(String message) {
        super(message);
    }

    public DiffException(String message, Throwable cause) {
        super(message, cause);
    }
}
