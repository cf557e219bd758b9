package dev.recsys.index.requests;

/**
 * A request that breaks a rule of the service: a missing, malformed or out-of-range parameter. Model
 * classes throw it whichever way the request came in; the HTTP layer answers it with a 400 naming
 * {@link #field}, the same body as for any other bad parameter.
 */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the parameter at fault, or {@code null} when the request as a whole is
     * @param message what is wrong with it, without the field's name ({@code is required})
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The parameter at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** Throws unless {@code condition} holds. */
    public static void check(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidRequestException(field, message);
        }
    }
}
