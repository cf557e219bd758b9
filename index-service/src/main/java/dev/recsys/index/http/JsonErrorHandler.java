package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.recsys.ranker.json.Json;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests the HTTP server rejects itself, before any endpoint: a malformed request line,
 * path or header, a bad or repeated Content-Length, a bad Transfer-Encoding, an unsupported HTTP
 * version, headers over {@link ApiServer#MAX_REQUEST_HEADER_BYTES}. They get the endpoints' JSON error
 * body ({@link TransportErrors} words it), never the server's HTML page, and are counted under the one
 * endpoint label {@link RequestMetrics#REJECTED}.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final RequestMetrics metrics;

    JsonErrorHandler(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String message ? message : null;
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable thrown ? thrown : null;
        if (cause instanceof HttpException http) {
            status = http.getCode();
            reason = http.getReason();
        } else if (cause instanceof EofException) {
            // The client closed the connection (e.g. mid-headers): there is no one to answer.
            callback.failed(cause);
            return true;
        }
        ApiException error = TransportErrors.describe(status, reason);
        if (error.status() == 500) { // not the client's doing
            LOG.warn("request failed in the server: {}", reason, cause);
        } else {
            LOG.debug("request rejected with {}: {}", error.status(), reason);
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(ApiResponse.errorBody(error.error(), error.getMessage(), null));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // an object of two short strings always serialises
        }
        metrics.started(RequestMetrics.REJECTED);
        Callback done = new RecordingCallback(
                callback, metrics, RequestMetrics.REJECTED, error.status(), request.getBeginNanoTime());
        AnswerWriter.write(request, response, error.status(), AnswerWriter.JSON, Map.of(), body, false, done);
        return true;
    }
}
