package dev.lsconsole.timetravel;

/** A time-travel request that cannot be answered (bad probe, bad range, missing table): one line for the user. */
public final class TimeTravelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeTravelException(String message) {
        super(message);
    }

    public TimeTravelException(String message, Throwable cause) {
        super(message, cause);
    }
}
