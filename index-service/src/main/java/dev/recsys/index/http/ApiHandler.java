package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.recsys.index.generations.CatalogUnavailableException;
import dev.recsys.index.requests.InvalidRequestException;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every endpoint and the one place where failures become HTTP answers: an {@link
 * ApiException} keeps its status, an {@link InvalidRequestException} or {@link InvalidRecordException}
 * is a 400 naming its field, a {@link CatalogUnavailableException} a 503, and anything else is a 500 whose body says only that something went wrong (the stack trace goes to
 * the log, never to the client). It is also the one place where requests are counted and timed
 * ({@link RequestMetrics}). Requests the server rejects before routing them get the same error body from
 * {@link JsonErrorHandler}.
 */
public abstract class ApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final String path;
    private final boolean exact;
    private final Set<String> methods;
    private final String allow;
    private volatile RequestMetrics metrics = RequestMetrics.NONE;

    /**
     * @param path the context path this handler is registered under
     * @param exact whether only {@code path} itself exists (otherwise the handler parses the rest)
     * @param methods the HTTP methods the endpoint answers (HEAD comes with GET); none means any
     */
    protected ApiHandler(String path, boolean exact, String... methods) {
        this.path = path;
        this.exact = exact;
        Set<String> allowed = new TreeSet<>(List.of(methods));
        if (allowed.contains("GET")) {
            allowed.add("HEAD"); // the same answer without the body
        }
        this.methods = Set.copyOf(allowed);
        this.allow = String.join(", ", allowed);
    }

    /** The context path to register. */
    public String path() {
        return path;
    }

    /** Whether only {@link #path()} itself exists, not the paths under it. */
    boolean exact() {
        return exact;
    }

    /** Records this endpoint's requests in {@code metrics}; set by {@link ApiServer} before it serves. */
    void recordInto(RequestMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Answers a request whose path and method were already checked. */
    protected abstract ApiResponse serve(ApiRequest request) throws IOException;

    /**
     * Answers one request routed here by {@link ApiRouter}, on the request's virtual thread. {@code callback}
     * completes once the answer went out.
     */
    final void handle(Request request, Response response, Callback callback) {
        RequestMetrics observed = metrics;
        observed.started(path);
        ApiRequest api = new ApiRequest(request);
        ApiResponse answer;
        Error fatal = null;
        try {
            if (exact && !api.path().equals(path)) {
                throw ApiException.notFound("no such path: " + api.pathExcerpt());
            }
            if (!methods.isEmpty() && !methods.contains(api.method())) {
                throw ApiException.methodNotAllowed(api.method(), api.pathExcerpt(), allow);
            }
            answer = serve(api);
        } catch (Exception | Error e) {
            if (e instanceof ApiException api405 && api405.allow() != null) {
                response.getHeaders().put(HttpHeader.ALLOW, api405.allow());
            }
            // Errors too: an answer must always go out, or the client waits for ever.
            answer = toResponse(e, api);
            if (e instanceof VirtualMachineError error) {
                fatal = error;
            }
        }
        send(request, response, answer, callback, observed);
        if (fatal != null) {
            throw fatal;
        }
    }

    /** The central error mapping. */
    static ApiResponse toResponse(Throwable failure, ApiRequest request) {
        if (failure instanceof ApiException api) {
            if (api.status() >= 500) {
                LOG.warn("{} {} -> {}: {}", request.method(), request.path(), api.status(), api.getMessage());
            }
            return new ApiResponse(api.status(), ApiResponse.errorBody(api.error(), api.getMessage(), api.field()));
        }
        if (failure instanceof InvalidRequestException invalid) {
            return new ApiResponse(400, ApiResponse.errorBody("bad_request", invalid.getMessage(), invalid.field()));
        }
        if (failure instanceof InvalidRecordException invalid) {
            return new ApiResponse(400, ApiResponse.errorBody("bad_request", invalid.getMessage(), invalid.field()));
        }
        if (failure instanceof CatalogUnavailableException unavailable) {
            return toResponse(ApiException.notReady(unavailable.getMessage()), request);
        }
        LOG.error("{} {} failed", request.method(), request.path(), failure);
        return new ApiResponse(
                500, ApiResponse.errorBody("internal", "unexpected error while serving the request", null));
    }

    /** Sends the answer and records the request once it went out. */
    private void send(
            Request request, Response response, ApiResponse answer, Callback callback, RequestMetrics observed) {
        byte[] bytes;
        String contentType = AnswerWriter.JSON;
        int status = answer.status();
        if (answer.bytes() != null) {
            bytes = answer.bytes();
            contentType = answer.contentType();
        } else {
            try {
                bytes = Json.MAPPER.writeValueAsBytes(answer.body());
            } catch (JsonProcessingException e) {
                LOG.error("cannot write a response body", e);
                bytes = "{\"error\":\"internal\",\"message\":\"cannot write the response\"}"
                        .getBytes(StandardCharsets.UTF_8);
                status = 500;
            }
        }
        // After a 413 whatever of the body is left unread makes the connection unusable.
        Callback done = new RecordingCallback(callback, observed, path, status, request.getBeginNanoTime());
        AnswerWriter.write(request, response, status, contentType, answer.headers(), bytes, status == 413, done);
    }
}
