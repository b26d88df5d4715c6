package dev.lsconsole.cli;

/** A usage or input error reported as one line and exit code 1. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
