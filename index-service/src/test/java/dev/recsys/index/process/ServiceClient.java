package dev.recsys.index.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Plain HTTP calls to an index service in another process, as a storefront or an operator makes them. */
final class ServiceClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** A status and a JSON body ({@code null} when there is none). */
    record Answer(int status, JsonNode body) {}

    private final String base;
    private final String adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServiceClient(int port, String adminToken) {
        this.base = "http://127.0.0.1:" + port;
        this.adminToken = adminToken;
    }

    /** Whether {@code /readyz} answers 200 now; false while nothing listens. */
    boolean isReady() throws InterruptedException {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + "/readyz")), false)
                            .status()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    Answer getAsAdmin(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), true);
    }

    Answer postAsAdmin(String path, String json) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    /** Posts one view event of {@code itemId} by {@code userId} and checks it was accepted. */
    void postView(String eventId, String userId, String itemId) throws IOException, InterruptedException {
        Answer answer = sendView(eventId, userId, itemId);
        assertEquals(202, answer.status(), () -> "event " + eventId + " not accepted: " + answer.body());
    }

    /**
     * Posts one view event of {@code itemId} by {@code userId}; sending it again is safe, the stream job
     * drops a repeated eventId.
     */
    Answer sendView(String eventId, String userId, String itemId) throws IOException, InterruptedException {
        String event = String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                eventId,
                userId,
                itemId,
                System.currentTimeMillis());
        return send(
                HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)),
                false);
    }

    /** What the service knows of a shopper ({@code GET /v1/users/{id}}), empty for a 404. */
    Optional<JsonNode> shopper(String userId) throws IOException, InterruptedException {
        Answer answer = getAsAdmin("/v1/users/" + userId);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        assertEquals(200, answer.status(), () -> "GET /v1/users/" + userId + ": " + answer.body());
        return Optional.of(answer.body());
    }

    /** The item ids of a shopper's {@code recent} list, in its order. */
    static List<String> recentItems(JsonNode shopper) {
        List<String> ids = new ArrayList<>();
        shopper.path("recent").forEach(entry -> ids.add(entry.path("itemId").asText()));
        return ids;
    }

    private Answer send(HttpRequest.Builder request, boolean admin) throws IOException, InterruptedException {
        request.timeout(REQUEST_TIMEOUT);
        if (admin) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isBlank() ? null : Json.MAPPER.readTree(body));
    }
}
