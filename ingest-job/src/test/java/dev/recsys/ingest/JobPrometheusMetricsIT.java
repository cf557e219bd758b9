package dev.recsys.ingest;

import static dev.recsys.ingest.Fixtures.item;
import static dev.recsys.ingest.Fixtures.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.infra.metrics.Promtool;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own metrics as Prometheus scrapes them from the embedded run: events through a real broker
 * and the real job, then the reporter's endpoint read with a strict text-format reader.
 */
class JobPrometheusMetricsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path checkpoints;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static void produce(InteractionEvent event) {
        kafka.produce(Topics.INTERACTIONS, event.userId(), InteractionEventJson.write(event));
    }

    @Test
    void theJobsCountersAndFreshnessHistogramCountTheEventsOnTheReportersEndpoint() throws Exception {
        ItemVectors shoe = item("shoe", unitVector(new Random(5)));
        kafka.produce(Topics.ITEM_VECTORS, shoe.itemId(), ItemVectorsJson.write(shoe));
        long now = System.currentTimeMillis();
        InteractionEvent first = InteractionEvent.of("m1", "mia", "shoe", EventType.VIEW, now - 3_000);
        produce(first);
        produce(InteractionEvent.of("m2", "mia", "shoe", EventType.CLICK, now - 2_000));
        produce(InteractionEvent.of("m3", "mia", "shoe", EventType.PURCHASE, now - 1_000));
        produce(first); // a replay: accepted by the parser, then dropped as a duplicate
        kafka.produce(Topics.INTERACTIONS, "mia", "{not json");
        kafka.produce(Topics.INTERACTIONS, "mia", "{\"eventId\":\"m9\",\"userId\":\"mia\",\"type\":\"view\",\"ts\":1}");

        int port = LocalPorts.pickFree(1)[0];
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--group-id", "job-metrics",
                "--parallelism", "2",
                "--checkpoint-interval-ms", "60000",
                "--item-stats-windows", "none",
                "--checkpoint-dir", checkpoints.toString());
        StreamExecutionEnvironment env = Environments.embedded(options, Optional.of(Integer.toString(port)));
        IngestJob.onKafka(options).build(env);
        JobClient job = env.executeAsync(IngestJob.NAME);
        try {
            awaitThreeVersionsOf("mia", job);
            PrometheusText metrics =
                    scrapeUntil(port, text -> sum(text, "freshnessMs_count") == 3 && sum(text, "duplicates") == 1);

            assertEquals(4, sum(metrics, "interactionsAccepted"), "three events and the replay");
            assertEquals(2, sum(metrics, "interactionsRejected"), "bad JSON and a missing itemId");
            assertEquals(2, sum(metrics, "deadLetters"));
            assertEquals(1, sum(metrics, "duplicates"));
            assertEquals(0, sum(metrics, "eventsErased"));
            assertEquals(3, sum(metrics, "freshnessMs_count"), "one update per distinct event");
            assertEquals("summary", metrics.types.get(OPERATOR + "freshnessMs"));
            assertEquals("gauge", metrics.types.get(OPERATOR + "interactionsAccepted"), "Flink reports counters so");
            double median = metrics.samples(OPERATOR + "freshnessMs").stream()
                    .filter(sample -> "0.5".equals(sample.labels().get("quantile")))
                    .mapToDouble(PrometheusText.Sample::value)
                    .filter(value -> !Double.isNaN(value)) // the subtask that updated no shopper
                    .max()
                    .orElseThrow();
            assertTrue(median >= 1_000 && median < TIMEOUT.toMillis() + 3_000, "freshness median " + median);
            PrometheusText.Sample accepted =
                    metrics.samples(OPERATOR + "interactionsAccepted").get(0);
            // Flink's reporter writes every character of a label value outside [a-zA-Z0-9:_] as _.
            assertEquals(IngestJob.NAME.replace('-', '_'), accepted.labels().get("job_name"));
            assertFalse(accepted.labels().get("operator_name").isEmpty());
            assertTrue(sum(metrics, "numRecordsIn") > 0, "and Flink's own operator metrics");
            List<PrometheusText.Sample> restarts = metrics.samples("flink_jobmanager_job_numRestarts");
            assertEquals(1, restarts.size(), "and the job manager's: " + restarts);
            assertEquals(0, restarts.get(0).value());

            // Prometheus' own parser reads the scrape. Its lint objects to names the job does not choose: the
            // camelCase Flink gives metrics (numRecordsIn, and ours after Flink's convention), and the Kafka
            // clients' metrics the connector forwards as gauges (records_consumed_total, io_time_ns_avg).
            Promtool.Check check = Promtool.find().checkMetrics(scrape(port));
            assertTrue(check.exitCode() == 0 || check.exitCode() == 3, "promtool could not parse: " + check);
            List<String> otherProblems = check.problems().stream()
                    .filter(problem ->
                            !problem.endsWith(" metric names should be written in 'snake_case' not 'camelCase'"))
                    .filter(problem -> !problem.startsWith(OPERATOR + "KafkaProducer_")
                            && !problem.startsWith(OPERATOR + "KafkaSourceReader_KafkaConsumer_"))
                    .toList();
            assertTrue(check.problems().size() > otherProblems.size(), "the lint ran: " + check);
            assertEquals(List.of(), otherProblems, "promtool check metrics");
        } finally {
            job.cancel().get();
            try {
                job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // a cancelled job ends with a "job was cancelled" failure
            }
        }
    }

    /** The sum over every subtask and operator of an operator metric. */
    private static double sum(PrometheusText text, String metric) {
        return text.samples(OPERATOR + metric).stream()
                .mapToDouble(PrometheusText.Sample::value)
                .sum();
    }

    private static void awaitThreeVersionsOf(String userId, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertFalse(job.getJobStatus().get().isGloballyTerminalState(), "the job stopped");
            List<ConsumerRecord<String, String>> records = kafka.consume(Topics.USER_VECTORS, 0, TIMEOUT);
            if (records.stream()
                    .filter(r -> userId.equals(r.key()) && r.value() != null)
                    .anyMatch(r -> UserVectorsJson.parse(r.value()).version() == 3)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(userId + " did not reach version 3 within " + TIMEOUT);
    }

    /** A scrape that satisfies {@code until}; the reporter registers operators' metrics as their tasks start. */
    private PrometheusText scrapeUntil(int port, Predicate<PrometheusText> until) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            PrometheusText text = PrometheusText.parse(scrape(port));
            if (until.test(text) || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(200);
        }
    }

    /** One scrape of the reporter's endpoint, as text. */
    private String scrape(int port) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
