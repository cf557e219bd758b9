package dev.recsys.index.http;

/**
 * A failure the client should see: an HTTP status, a short machine-readable {@code error} code, a
 * message for people and, for bad input, the query parameter or JSON field at fault. {@link
 * ApiHandler} turns it into the body {@code {error, message, field?}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String field;
    private final String allow;

    public ApiException(int status, String error, String message, String field) {
        this(status, error, message, field, null);
    }

    private ApiException(int status, String error, String message, String field, String allow) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, got " + status);
        }
        this.status = status;
        this.error = error;
        this.field = field;
        this.allow = allow;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The parameter or field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** The methods the path answers, for the {@code Allow} header of a 405, or {@code null}. */
    public String allow() {
        return allow;
    }

    /** 400: the request names {@code field} with a value that breaks its rule. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "bad_request", message, field);
    }

    /** 401: the request carries no credentials. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }

    /** 403: the credentials are wrong. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    /** 409: the request conflicts with what is going on (e.g. a reindex is running). */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null);
    }

    /** 404: the id or path does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    /** 405: the path exists but not for this method; {@code allow} lists the methods it answers. */
    public static ApiException methodNotAllowed(String method, String path, String allow) {
        return new ApiException(405, "method_not_allowed", method + " is not supported on " + path, null, allow);
    }

    /** 413: the request body is larger than the endpoint accepts. */
    public static ApiException payloadTooLarge(long limitBytes) {
        return new ApiException(
                413, "payload_too_large", "the request body is larger than " + limitBytes + " bytes", null);
    }

    /** 503: the service (or a dependency) cannot answer yet. */
    public static ApiException notReady(String message) {
        return new ApiException(503, "not_ready", message, null);
    }

    /** Throws {@link #badRequest} unless {@code condition} holds. */
    public static void checkArgument(boolean condition, String field, String message) {
        if (!condition) {
            throw badRequest(field, message);
        }
    }

    /** Throws {@link #notFound} unless {@code condition} holds. */
    public static void checkExists(boolean condition, String message) {
        if (!condition) {
            throw notFound(message);
        }
    }
}
