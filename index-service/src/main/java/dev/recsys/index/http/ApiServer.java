package dev.recsys.index.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Jetty's core server (no servlets), one virtual thread per request (blocking code in an
 * endpoint costs no platform thread), one {@link ApiHandler} per endpoint and {@link NotFoundEndpoint}
 * for every other path. Requests the server rejects before routing them (malformed, oversized, an
 * unsupported HTTP version) get the same JSON error body from {@link JsonErrorHandler}.
 */
public final class ApiServer implements AutoCloseable {
    /** How long {@link #close()} lets requests in flight finish. */
    public static final int STOP_DELAY_SECONDS = 2;

    /**
     * Largest request line plus headers. Enough for a feed request with the full 500 {@code exclude} ids
     * of typical length; a larger one is a 414 (request line) or 431 (headers). Only a limit, not a buffer
     * size: a request uses as much as it sends.
     */
    public static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** Connections waiting to be accepted. */
    private static final int BACKLOG = 256;

    /**
     * A keep-alive connection with no request for this long is closed, as is a request that stops sending
     * its headers or body for this long.
     */
    private static final long IDLE_TIMEOUT_MILLIS = 30_000;

    /**
     * One acceptor and one selector thread suit a machine of a few cores: a selector serves thousands of
     * connections, and every request runs on a virtual thread, not on them.
     */
    private static final int ACCEPTORS = 1;

    private static final int SELECTORS = 1;

    /**
     * Platform threads for the acceptor, the selector and the server's short non-blocking work (completing
     * writes, rejecting malformed requests); endpoints never run on them.
     */
    private static final int MIN_PLATFORM_THREADS = 4;

    private static final int MAX_PLATFORM_THREADS = 16;

    /**
     * Jetty's buffer for aggregating small writes. Answers are written once, whole, from their byte array,
     * so this rarely holds anything; 32 KiB is Jetty's default.
     */
    private static final int OUTPUT_BUFFER_BYTES = 32 * 1024;

    /**
     * Rejects ambiguous request targets (empty segments, encoded {@code .} or {@code ..} segments, path
     * parameters that hide a segment, bad percent-encoding or UTF-8) with 400, but accepts an encoded
     * {@code /} ({@code %2F}) and {@code %} ({@code %25}) inside a segment: item ids may contain both,
     * and routing splits the raw path, so neither can be mistaken for a separator. Plain {@code .} and
     * {@code ..} segments are refused by {@link ApiRouter}.
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with(
            "recsys",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

    private final Server server;
    private final ServerConnector connector;
    private final GracefulHandler inFlight;

    private ApiServer(Server server, ServerConnector connector, GracefulHandler inFlight) {
        this.server = server;
        this.connector = connector;
        this.inFlight = inFlight;
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
        NotFoundEndpoint notFound = new NotFoundEndpoint();
        for (ApiHandler endpoint : endpoints) {
            endpoint.recordInto(metrics);
        }
        notFound.recordInto(metrics);

        QueuedThreadPool threads = new QueuedThreadPool(MAX_PLATFORM_THREADS, MIN_PLATFORM_THREADS);
        threads.setName("http-io");
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("http-"));
        // No platform threads held in reserve: with one free, the selector thread may run a request itself
        // and hand selecting to the reserved thread; without, every request goes to a virtual thread.
        threads.setReservedThreads(0);
        Server server = new Server(threads);

        ServerConnector connector =
                new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(configuration()));
        connector.setHost(
                address.getAddress() == null || address.getAddress().isAnyLocalAddress()
                        ? null // every interface, IPv4 and IPv6
                        : address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setAcceptQueueSize(BACKLOG);
        server.addConnector(connector);

        GracefulHandler inFlight = new GracefulHandler(new ApiRouter(endpoints, notFound));
        server.setHandler(inFlight);
        server.setErrorHandler(new JsonErrorHandler(metrics));
        // close() waits for the requests in flight itself; stopping then closes every connection at once.
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start the HTTP server on " + address, e);
        }
        return new ApiServer(server, connector, inFlight);
    }

    private static HttpConfiguration configuration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        http.setUriCompliance(URI_COMPLIANCE);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    /** The bound port (the chosen one when started with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to {@value #STOP_DELAY_SECONDS} s
     * (a new request on an open connection meanwhile gets a 503), then closes every connection. Idle
     * keep-alive connections do not hold it up.
     */
    @Override
    public void close() {
        connector.close();
        try {
            inFlight.shutdown().get(STOP_DELAY_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("stopping HTTP with requests still in flight after {} s", STOP_DELAY_SECONDS);
        } catch (ExecutionException e) {
            LOG.warn("waiting for requests in flight failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
        }
    }
}
