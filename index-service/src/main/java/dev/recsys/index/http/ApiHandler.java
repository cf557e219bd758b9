package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every endpoint and the one place where failures become HTTP answers: an {@link
 * ApiException} keeps its status, an {@link InvalidRecordException} is a 400 naming its field, and
 * anything else is a 500 whose body says only that something went wrong (the stack trace goes to
 * the log, never to the client). It is also the one place where requests are counted and timed
 * ({@link RequestMetrics}).
 */
public abstract class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final String path;
    private final boolean exact;
    private final Set<String> methods;
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
    }

    /** The context path to register. */
    public String path() {
        return path;
    }

    /** Records this endpoint's requests in {@code metrics}; set by {@link ApiServer} before it serves. */
    void recordInto(RequestMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Answers a request whose path and method were already checked. */
    protected abstract ApiResponse serve(ApiRequest request) throws IOException;

    @Override
    public final void handle(HttpExchange exchange) {
        RequestMetrics observed = metrics;
        long began = System.nanoTime();
        observed.started(path);
        int status = 500;
        try {
            status = respond(exchange);
        } finally {
            observed.finished(path, status, System.nanoTime() - began);
        }
    }

    /** Answers one request; returns the status sent. */
    private int respond(HttpExchange exchange) {
        ApiRequest request = new ApiRequest(exchange);
        ApiResponse response;
        Error fatal = null;
        try {
            if (exact && !request.path().equals(path)) {
                throw ApiException.notFound("no such path: " + request.path());
            }
            if (!methods.isEmpty() && !methods.contains(request.method())) {
                exchange.getResponseHeaders()
                        .set(
                                "Allow",
                                String.join(", ", methods.stream().sorted().toList()));
                throw ApiException.methodNotAllowed(request.method(), request.path());
            }
            response = serve(request);
        } catch (Exception | Error e) {
            // Errors too: an answer must always go out, or the client waits for ever.
            response = toResponse(e, request);
            if (e instanceof VirtualMachineError error) {
                fatal = error;
            }
        }
        int status = send(exchange, response, "HEAD".equals(request.method()));
        if (fatal != null) {
            throw fatal;
        }
        return status;
    }

    /** The central error mapping. */
    static ApiResponse toResponse(Throwable failure, ApiRequest request) {
        if (failure instanceof ApiException api) {
            if (api.status() >= 500) {
                LOG.warn("{} {} -> {}: {}", request.method(), request.path(), api.status(), api.getMessage());
            }
            return new ApiResponse(api.status(), ApiResponse.errorBody(api.error(), api.getMessage(), api.field()));
        }
        if (failure instanceof InvalidRecordException invalid) {
            return new ApiResponse(400, ApiResponse.errorBody("bad_request", invalid.getMessage(), invalid.field()));
        }
        LOG.error("{} {} failed", request.method(), request.path(), failure);
        return new ApiResponse(
                500, ApiResponse.errorBody("internal", "unexpected error while serving the request", null));
    }

    /** Sends the answer; returns the status sent. */
    private static int send(HttpExchange exchange, ApiResponse response, boolean head) {
        byte[] bytes;
        String contentType = "application/json";
        if (response.text() != null) {
            bytes = response.text().getBytes(StandardCharsets.UTF_8);
            contentType = response.contentType();
        } else {
            try {
                bytes = Json.MAPPER.writeValueAsBytes(response.body());
            } catch (JsonProcessingException e) {
                LOG.error("cannot write a response body", e);
                bytes = "{\"error\":\"internal\",\"message\":\"cannot write the response\"}"
                        .getBytes(StandardCharsets.UTF_8);
                response = new ApiResponse(500, null);
            }
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (response.status() == 413) {
                // Whatever of the body is left unread makes the connection unusable.
                exchange.getResponseHeaders().set("Connection", "close");
            }
            if (head) {
                exchange.sendResponseHeaders(response.status(), -1);
                return response.status();
            }
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
            LOG.debug("could not send the response: {}", e.toString());
        }
        return response.status();
    }
}
