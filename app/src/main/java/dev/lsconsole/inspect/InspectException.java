package dev.lsconsole.inspect;

/** Reading a restored database for browsing failed; the message names the file and what was asked. */
public class InspectException extends RuntimeException {
    public InspectException(String message, Throwable cause) {
        super(message, cause);
    }

    public InspectException(String message) {
        super(message);
    }
}
