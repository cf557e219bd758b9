package dev.recsys.cli;

/**
 * A command line or setting that cannot be used: an unknown flag, a missing or malformed value, two
 * flags that exclude each other. The message names the flag (or the setting), so the user knows what
 * to fix; {@link Cli#run} prints it with the command's usage and exits with {@link #EXIT_CODE}.
 */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The exit code of a bad command line, as shell tools use it. */
    public static final int EXIT_CODE = 2;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
