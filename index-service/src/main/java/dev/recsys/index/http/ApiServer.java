package dev.recsys.index.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server: the JDK's {@link HttpServer}, one virtual thread per request (blocking code in an
 * endpoint costs no platform thread), one {@link ApiHandler} per endpoint and {@link
 * NotFoundEndpoint} for every other path.
 */
public final class ApiServer implements AutoCloseable {
    /** How long {@link #close()} lets requests in flight finish. */
    public static final int STOP_DELAY_SECONDS = 2;

    private static final int BACKLOG = 256;

    private final HttpServer server;
    private final ExecutorService executor;

    private ApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code port} on all interfaces (0 for any free port) and starts serving.
     *
     * @throws IOException when the port cannot be bound
     */
    public static ApiServer start(int port, List<ApiHandler> endpoints) throws IOException {
        return start(port, endpoints, RequestMetrics.NONE);
    }

    /** As {@link #start(int, List)}, recording every request, unknown paths included, in {@code metrics}. */
    public static ApiServer start(int port, List<ApiHandler> endpoints, RequestMetrics metrics) throws IOException {
        return start(new InetSocketAddress(port), endpoints, metrics);
    }

    /** As {@link #start(int, List, RequestMetrics)} on {@code address} only (e.g. loopback). */
    public static ApiServer start(InetSocketAddress address, List<ApiHandler> endpoints, RequestMetrics metrics)
            throws IOException {
        HttpServer server = HttpServer.create(address, BACKLOG);
        NotFoundEndpoint notFound = new NotFoundEndpoint();
        for (ApiHandler endpoint : endpoints) {
            endpoint.recordInto(metrics);
            server.createContext(endpoint.path(), endpoint);
        }
        notFound.recordInto(metrics);
        server.createContext("/", notFound);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("http-", 0).factory());
        server.setExecutor(executor);
        server.start();
        return new ApiServer(server, executor);
    }

    /** The bound port (the chosen one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.shutdownNow();
    }
}
