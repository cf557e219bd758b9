package dev.recsys.index.tools;

/** A command-line flag is missing, unknown or has a bad value; the message names the flag. Exit code 2. */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
