package dev.recsys.index.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request's body as a blocking stream (endpoints run on virtual threads, so blocking is cheap). A body
 * the server cannot read (malformed chunked encoding, a client that stops before its Content-Length or
 * stalls until the idle timeout) surfaces as an {@link ApiException} with a 4xx status, the answer to
 * any other bad input, instead of an I/O failure that would read as a server error.
 */
final class RequestBody extends InputStream {
    /** How deep to look through wrapped causes for the server's verdict. */
    private static final int MAX_CAUSE_DEPTH = 8;

    private final InputStream in;

    RequestBody(Request request) {
        this.in = Content.Source.asInputStream(request);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /**
     * Does nothing: closing a reader over the body must not end the request. Whatever is left unread when
     * the answer is complete is discarded by the server, or the connection is closed.
     */
    @Override
    public void close() {}

    /** Throws the client's fault as an {@link ApiException}; returns any other failure to rethrow as it is. */
    private static IOException translate(Exception failure) {
        ApiException fault = clientFault(failure);
        if (fault != null) {
            throw fault;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return (IOException) failure;
    }

    /** The 4xx answer when a failure to read the body is the client's fault, otherwise {@code null}. */
    private static ApiException clientFault(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http.getCode() == 400
                        ? ApiException.badRequest(null, "malformed or incomplete request body")
                        : TransportErrors.describe(http.getCode(), http.getReason());
            }
            if (cause instanceof EOFException) {
                return ApiException.badRequest(null, "the request body ended before it was complete");
            }
            if (cause instanceof TimeoutException) {
                return TransportErrors.describe(408, null);
            }
        }
        return null;
    }
}
