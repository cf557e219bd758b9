package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * One reindex job over HTTP: {@code POST /v1/admin/reindex}, then {@code GET /v1/admin/reindex/{job}} until it
 * ends, with what the operator is told when the service refuses. Shared by {@code reindex} and {@code train
 * --server}, which start the job with different bodies.
 */
public final class ReindexJob {
    /** Request fields naming a path on the server. */
    private static final Set<String> PATH_FIELDS = Set.of("source", "cfFactors");

    private ReindexJob() {}

    /**
     * Posts {@code body} to {@code /v1/admin/reindex} and follows the job it starts to the end, as the
     * reindex command does; {@code what} describes the job in the first line. Returns the exit status.
     */
    public static int startAndFollow(
            URI server,
            String token,
            String contentType,
            HttpRequest.BodyPublisher body,
            String what,
            PrintStream out,
            PrintStream err,
            boolean terminal,
            Duration pollInterval)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String job = start(http, server, token, contentType, body, err);
        if (job == null) {
            return 1;
        }
        err.println("reindex: job " + job + " started (" + what + ")");
        return follow(http, server, token, job, out, err, terminal, pollInterval);
    }

    /** Posts the request; returns the job it started, or null once the refusal is said on {@code err}. */
    private static String start(
            HttpClient http,
            URI server,
            String token,
            String contentType,
            HttpRequest.BodyPublisher body,
            PrintStream err)
            throws IOException, InterruptedException {
        // Long enough for an upload of CF factors, which the server checks before it answers.
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server + "/v1/admin/reindex"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", contentType)
                .POST(body);
        authorise(post, token);
        HttpResponse<String> started = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = readJson(started.body());
        if (started.statusCode() != 202 && started.statusCode() != 200) {
            err.println("reindex: " + refusal(started.statusCode(), answer, started.body()));
            return null;
        }
        String job = answer.path("job").asText("");
        if (job.isEmpty()) {
            err.println("reindex: the server accepted the request but named no job: " + started.body());
            return null;
        }
        return job;
    }

    /**
     * Polls the job until it ends, drawing the progress line on {@code err}, then prints the summary on
     * {@code out}; returns 0 when it succeeded.
     */
    private static int follow(
            HttpClient http,
            URI server,
            String token,
            String job,
            PrintStream out,
            PrintStream err,
            boolean terminal,
            Duration pollInterval)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        String lastPhase = null;
        long lastPlain = 0;
        ReindexStatus status;
        while (true) {
            HttpRequest.Builder get = HttpRequest.newBuilder(
                            URI.create(server + "/v1/admin/reindex/" + URLEncoder.encode(job, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .GET();
            authorise(get, token);
            HttpResponse<String> polled = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            if (polled.statusCode() != 200) {
                if (terminal) {
                    err.println();
                }
                err.println("reindex: " + refusal(polled.statusCode(), readJson(polled.body()), polled.body()));
                return 1;
            }
            status = ReindexStatus.of(readJson(polled.body()));
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (!status.running()) {
                if (terminal) {
                    err.print("\r" + status.progressLine(elapsed, 30) + "\n");
                }
                break;
            }
            String line = status.progressLine(elapsed, 30);
            if (terminal) {
                err.print("\r" + line + "\u001b[K");
                err.flush();
            } else if (!status.phase().equals(lastPhase) || System.nanoTime() - lastPlain > 5_000_000_000L) {
                err.println(line);
                lastPlain = System.nanoTime();
            }
            lastPhase = status.phase();
            Thread.sleep(pollInterval);
        }
        out.println(status.summary(Duration.ofNanos(System.nanoTime() - start)));
        return "succeeded".equals(status.state()) ? 0 : 1;
    }

    private static void authorise(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /** What to tell the operator when the server answers {@code status} instead of accepting. */
    static String refusal(int status, JsonNode answer, String body) {
        String message = answer.path("message").asText(body == null ? "" : body.strip());
        return switch (status) {
            case 409 -> "a reindex is already running: " + answer.path("job").asText(message);
            case 401 ->
                "the server wants an admin token (401): pass --token or set " + ReindexCli.TOKEN_ENV
                        + (message.isEmpty() ? "" : " (" + message + ")");
            case 403 ->
                "the admin token was refused (403): check --token or " + ReindexCli.TOKEN_ENV
                        + (message.isEmpty() ? "" : " (" + message + ")");
            case 400 ->
                "the server rejected the request (400)"
                        + (answer.hasNonNull("field")
                                ? ", field '" + answer.path("field").asText() + "'"
                                : "") + ": "
                        + message
                        + (PATH_FIELDS.contains(answer.path("field").asText())
                                ? "\n  " + ReindexCli.WHERE_SOURCES_GO
                                : "");
            case 404 -> "not found (404): " + message;
            default -> "the server answered " + status + ": " + message;
        };
    }
}
