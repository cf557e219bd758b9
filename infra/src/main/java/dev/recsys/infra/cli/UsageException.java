package dev.recsys.infra.cli;

/**
 * A command line that cannot be used: an unknown flag, a missing or malformed value. The message
 * names the flag, so the user knows what to fix; entry points print it with their usage text and
 * exit with {@link #EXIT_CODE}.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The exit code for a bad command line. */
    public static final int EXIT_CODE = 2;

    public UsageException(String message) {
        super(message);
    }
}
