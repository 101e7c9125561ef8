package dev.quell.cli;

/**
 * An error the user can act on (bad argument, unreadable file). The CLI prints
 * "quell: MESSAGE" on one line and exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** @param message one-line reason shown to the user */
    public CliException(String message) {
        this(message, 1);
    }

    /**
     * @param message one-line reason shown to the user
     * @param exitCode process exit code (non-zero)
     */
    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** @return the process exit code */
    public int exitCode() {
        return exitCode;
    }
}
