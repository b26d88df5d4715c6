package dev.lsconsole.health;

/** A health check could not run (a generation that does not exist, a temp folder that cannot be made). */
public final class HealthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HealthException(String message) {
        super(message);
    }
}
