package dev.recsys.index.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's counters as the console gets them, from real HTTP endpoints serving what Flink's reporter writes. */
class StreamJobMetricsTest {
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    private final List<HttpServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    /** A scrape as the job's reporter writes it: two subtasks of each operator, and series of no interest. */
    private static String scrape(int subtaskDuplicates, double p99) {
        String labels = "job_name=\"recsys_ingest\",operator_name=\"%s\",subtask_index=\"%d\",task_name=\"x\"";
        StringBuilder text = new StringBuilder();
        text.append("# HELP ").append(OPERATOR).append("duplicates duplicates (scope: x)\n");
        text.append("# TYPE ").append(OPERATOR).append("duplicates gauge\n");
        for (int subtask = 0; subtask < 2; subtask++) {
            String dedup = labels.formatted("deduplicate_events", subtask);
            String parse = labels.formatted("parse_interaction", subtask);
            text.append(OPERATOR)
                    .append("duplicates{")
                    .append(dedup)
                    .append("} ")
                    .append(subtaskDuplicates)
                    .append(".0\n");
            text.append(OPERATOR).append("lateEvents{").append(dedup).append("} 1.0\n");
            text.append(OPERATOR).append("interactionsAccepted{").append(parse).append("} 100.0\n");
            text.append(OPERATOR).append("interactionsRejected{").append(parse).append("} 2.0\n");
            text.append(OPERATOR)
                    .append("freshnessMs{")
                    .append(labels.formatted("update_profile", subtask))
                    .append(",quantile=\"0.99\",} ")
                    .append(p99 + subtask)
                    .append("\n");
            text.append(OPERATOR)
                    .append("freshnessMs{")
                    .append(labels.formatted("update_profile", subtask))
                    .append(",quantile=\"0.5\",} 1.0\n");
        }
        text.append(OPERATOR)
                .append("numRecordsIn{")
                .append(labels.formatted("x", 0))
                .append("} 9999.0\n");
        text.append("flink_jobmanager_numRunningJobs 1.0\n");
        return text.toString();
    }

    private URI serve(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    private static JsonNode read(StreamJobMetrics metrics) throws Exception {
        metrics.refresh().get(10, TimeUnit.SECONDS);
        return metrics.toJson();
    }

    @Test
    void sumsTheJobsCountersOverSubtasksAndEndpointsAndTakesTheSlowestP99() throws Exception {
        try (StreamJobMetrics metrics =
                new StreamJobMetrics(List.of(serve(200, scrape(3, 40)), serve(200, scrape(1, 90))))) {
            JsonNode status = read(metrics);
            assertTrue(status.path("configured").asBoolean());
            JsonNode counters = status.path("counters");
            assertEquals(8, counters.path("duplicates").asLong()); // 2 × 3 + 2 × 1
            assertEquals(4, counters.path("lateEvents").asLong());
            assertEquals(400, counters.path("interactionsAccepted").asLong());
            assertEquals(8, counters.path("interactionsRejected").asLong());
            assertEquals(0, counters.path("deadLetters").asLong()); // absent from the scrape
            assertEquals(91.0, status.path("eventToVectorP99Ms").asDouble());
            assertEquals(2, status.path("sources").size());
            assertTrue(status.path("sources").get(0).path("reachable").asBoolean());
            assertTrue(status.path("readAt").asLong() > 0);
        }
    }

    @Test
    void anEndpointThatCannotBeReadIsReportedWithAReasonAndTheOthersStillCount() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + closedPort + "/metrics");
        URI failing = serve(500, "secret internal detail");
        URI notTheJob = serve(200, "# TYPE recsys_shoppers gauge\nrecsys_shoppers 3.0\nsecret line\n");
        URI job = serve(200, scrape(2, 10));
        try (StreamJobMetrics metrics = new StreamJobMetrics(List.of(refused, failing, notTheJob, job))) {
            JsonNode status = read(metrics);
            JsonNode sources = status.path("sources");
            assertFalse(sources.get(0).path("reachable").asBoolean());
            assertTrue(sources.get(0).path("error").asText().startsWith("connection refused"), sources.toString());
            assertEquals("answered HTTP 500", sources.get(1).path("error").asText());
            assertTrue(sources.get(2).path("error").asText().contains("without the stream job's metrics"));
            assertTrue(sources.get(3).path("reachable").asBoolean());
            assertFalse(status.toString().contains("secret"), "nothing an endpoint answered is repeated");
            assertEquals(4, status.path("counters").path("duplicates").asLong());
        }
    }

    @Test
    void withoutEndpointsItSaysSoAndReadsNothing() {
        try (StreamJobMetrics metrics = new StreamJobMetrics(List.of())) {
            JsonNode status = metrics.toJson();
            assertFalse(status.path("configured").asBoolean());
            assertFalse(status.has("counters"));
        }
    }

    @Test
    void theFirstAnswerComesBeforeAnyReadingAndALaterOneHasIt() throws Exception {
        try (StreamJobMetrics metrics = new StreamJobMetrics(List.of(serve(200, scrape(5, 10))))) {
            JsonNode first = metrics.toJson(); // starts the first reading, answers at once
            assertTrue(first.path("readAt").isNull());
            assertFalse(first.has("counters"));
            metrics.refresh().get(10, TimeUnit.SECONDS);
            assertEquals(
                    10, metrics.toJson().path("counters").path("duplicates").asLong());
        }
    }

    @Test
    void readsLabelsWithEscapesAndSkipsLinesItCannotRead() {
        PrometheusSamples.Sample sample =
                PrometheusSamples.sample("m_total{a=\"x\\\"y\",b=\"with space, and comma\"} 4.5 1700000000");
        assertEquals("m_total", sample.name());
        assertEquals("x\"y", sample.labels().get("a"));
        assertEquals("with space, and comma", sample.labels().get("b"));
        assertEquals(4.5, sample.value());
        assertEquals(
                Double.POSITIVE_INFINITY,
                PrometheusSamples.sample("h_bucket{le=\"+Inf\"} +Inf").value());
        assertEquals(null, PrometheusSamples.sample("m{a=\"unclosed} 1"));
        assertEquals(null, PrometheusSamples.sample("m one"));
        assertEquals(null, PrometheusSamples.sample("# TYPE m counter"));
        assertEquals(2, PrometheusSamples.parse("a 1\n\nb{} 2\n{x} 3\n").size());
    }
}
