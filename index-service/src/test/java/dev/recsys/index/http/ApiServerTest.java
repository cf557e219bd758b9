package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server itself on a free loopback port: threads, streamed uploads, stopping. */
class ApiServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long UPLOAD_LIMIT = 4L << 20;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ApiServer server;

    /** Says whether it runs on a virtual thread. */
    private static final class ThreadEndpoint extends ApiHandler {
        ThreadEndpoint() {
            super("/thread", true, "GET");
        }

        @Override
        protected ApiResponse serve(ApiRequest request) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("virtual", Thread.currentThread().isVirtual());
            return ApiResponse.ok(body);
        }
    }

    /** Holds each request until the test releases it. */
    private final class HoldingEndpoint extends ApiHandler {
        HoldingEndpoint() {
            super("/hold", true, "GET");
        }

        @Override
        protected ApiResponse serve(ApiRequest request) {
            entered.countDown();
            try {
                assertTrue(release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "never released");
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted while held", e);
            }
            return ApiResponse.ok(Json.MAPPER.createObjectNode().put("held", true));
        }
    }

    /** Counts the lines and bytes of a streamed upload. */
    private static final class UploadEndpoint extends ApiHandler {
        UploadEndpoint() {
            super("/upload", true, "POST");
        }

        @Override
        protected ApiResponse serve(ApiRequest request) throws IOException {
            long lines = 0;
            long chars = 0;
            try (BufferedReader in = request.bodyLines(UPLOAD_LIMIT)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    chars += line.length();
                }
            }
            return ApiResponse.ok(
                    Json.MAPPER.createObjectNode().put("lines", lines).put("chars", chars));
        }
    }

    private ApiServer start() throws IOException {
        server = ApiServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                List.of(new ThreadEndpoint(), new HoldingEndpoint(), new UploadEndpoint(), new HealthEndpoint()),
                RequestMetrics.NONE);
        return server;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(TIMEOUT);
    }

    @Test
    void everyRequestRunsOnAVirtualThreadAlsoWhenManyArriveAtOnce() throws Exception {
        start();
        for (int i = 0; i < 10; i++) { // one after another on a kept-alive connection
            HttpResponse<String> response = http.send(request("/thread").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"virtual\":true}", response.body());
        }
        List<CompletableFuture<HttpResponse<String>>> together = IntStream.range(0, 20)
                .mapToObj(i -> http.sendAsync(request("/thread").build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> response : together) {
            assertEquals(
                    "{\"virtual\":true}",
                    response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).body());
        }
    }

    @Test
    void portZeroBindsAFreePortOnTheGivenAddress() throws Exception {
        start();
        assertTrue(server.port() > 0);
        HttpResponse<String> response = http.send(request("/healthz").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aPortInUseIsAnIOException() throws Exception {
        start();
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", server.port());
        assertThrows(IOException.class, () -> ApiServer.start(taken, List.of(), RequestMetrics.NONE));
        assertEquals(
                200,
                http.send(request("/healthz").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                "the first server still serves");
    }

    @Test
    void closingLetsARequestInFlightFinishButTakesNoNewConnections() throws Exception {
        start();
        int port = server.port();
        CompletableFuture<HttpResponse<String>> held =
                http.sendAsync(request("/hold").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the request never arrived");

        long began = System.nanoTime();
        Thread closing = Thread.ofVirtual().start(server::close);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "still accepting");
        assertTrue(closing.isAlive(), "closed before the request in flight finished");

        release.countDown();
        HttpResponse<String> response = held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("{\"held\":true}", response.body());
        assertTrue(closing.join(TIMEOUT), "close() did not return");
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertTrue(millis < ApiServer.STOP_DELAY_SECONDS * 1000L + 1000, "close took " + millis + " ms");
        server = null;
    }

    @Test
    void closingDoesNotWaitForIdleKeptAliveConnections() throws Exception {
        start();
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    200,
                    http.send(request("/healthz").build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
        long began = System.nanoTime();
        server.close();
        long millis = (System.nanoTime() - began) / 1_000_000;
        server = null;
        assertTrue(millis < 1000, "close waited " + millis + " ms for an idle connection");
    }

    @Test
    void anUploadIsStreamedLineByLineAndOneOverTheLimitIs413() throws Exception {
        start();
        int lineCount = 30_000;
        String line = "x".repeat(99) + "\n"; // 3 MB in all, under the 4 MiB limit
        HttpResponse<String> accepted = http.send(
                request("/upload").POST(chunked(line, lineCount)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("{\"lines\":" + lineCount + ",\"chars\":" + lineCount * 99L + "}", accepted.body());

        HttpResponse<String> refused = http.send(
                request("/upload").POST(chunked(line, 2 * lineCount)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals(
                "payload_too_large",
                Json.parseObject(refused.body()).path("error").asText());
        assertEquals("close", refused.headers().firstValue("Connection").orElse(""));

        assertEquals(
                200,
                http.send(request("/healthz").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                "the client carries on");
    }

    /** {@code count} copies of {@code line} of unknown length (sent chunked), as a streaming client sends. */
    private static HttpRequest.BodyPublisher chunked(String line, int count) {
        int perChunk = 500;
        byte[] chunk = line.repeat(perChunk).getBytes(StandardCharsets.UTF_8);
        List<byte[]> chunks = new ArrayList<>(Collections.nCopies(count / perChunk, chunk));
        chunks.add(line.repeat(count % perChunk).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArrays(chunks);
    }

    private static boolean accepts(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
