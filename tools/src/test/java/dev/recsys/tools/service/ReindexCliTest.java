package dev.recsys.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.cli.UsageException;
import dev.recsys.ranker.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReindexCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return ReindexCli.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    private String usageError(String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ReindexCli.parse(args, Map.of()));
        return e.getMessage();
    }

    @Test
    void formatLiveRebuildsTheServedCatalogWithoutASource() throws IOException {
        ReindexCli.Options options = ReindexCli.parse(new String[] {"--format", "live"}, Map.of());
        assertEquals("{\"format\":\"live\"}", options.requestBody().toString());
        Path catalog = Files.writeString(dir.resolve("live.jsonl"), "");
        assertTrue(
                usageError("--format", "live", "--source", catalog.toString()).startsWith("--format live"));
        assertTrue(usageError("--format", "live", "--count", "3").startsWith("--format live"));
    }

    @Test
    void badFlagsAreNamedAndExitWithTwo() throws IOException {
        Path catalog = Files.writeString(dir.resolve("c.jsonl"), "");
        assertTrue(usageError().startsWith("--source is required"));
        assertTrue(usageError("--source", dir.resolve("none.jsonl").toString()).startsWith("--source "));
        assertTrue(usageError("--source", catalog.toString(), "--format", "xml").startsWith("--format must be one of"));
        assertTrue(usageError("--source", catalog.toString(), "--max-error-ratio", "2")
                .startsWith("--max-error-ratio must be between 0 and 1, got 2"));
        assertTrue(usageError("--source", catalog.toString(), "--count", "5").startsWith("--count and --seed"));
        assertTrue(usageError("--format", "generated").startsWith("--count is required"));
        assertTrue(usageError("--format", "generated", "--count", "-3").startsWith("--count must be"));
        assertTrue(usageError("--source", catalog.toString(), "--server", "ftp://x")
                .startsWith("--server must be"));
        assertTrue(usageError("--source").startsWith("Missing required parameter for option '--source'"));
        assertTrue(usageError("--verbose").startsWith("unknown flag --verbose"));
        assertEquals(2, run(Map.of(), "--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("recsys reindex: unknown flag --bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: recsys reindex"));
        assertEquals(
                "http://10.0.0.1:8080",
                ReindexCli.parse(new String[] {"--format", "live", "--url", "http://10.0.0.1:8080"}, Map.of())
                        .server()
                        .toString(),
                "--url is kept as another name of --server");
    }

    @Test
    void formatIsGuessedFromThePathAndTheRequestCarriesAnAbsolutePath() throws IOException {
        Files.createDirectories(dir.resolve("ic"));
        Files.writeString(dir.resolve("ic/products.csv"), "");
        Files.writeString(dir.resolve("movies.csv"), "");
        assertEquals(
                "instacart",
                ReindexCli.parse(new String[] {"--source", dir.resolve("ic").toString()}, Map.of())
                        .format());
        assertEquals(
                "movielens",
                ReindexCli.parse(
                                new String[] {
                                    "--source", dir.resolve("movies.csv").toString()
                                },
                                Map.of())
                        .format());
        ReindexCli.Options options = ReindexCli.parse(
                new String[] {"--format", "generated", "--count", "1000", "--seed", "7"},
                Map.of(ReindexCli.TOKEN_ENV, "s3cret"));
        assertEquals("s3cret", options.token());
        assertEquals("{\"format\":\"generated\",\"count\":1000,\"seed\":7}", Json.write(options.requestBody()));
    }

    @Test
    void progressLineShowsPhasePercentageRateAndEta() {
        ReindexStatus status = ReindexStatus.of(
                json("{\"job\":\"j1\",\"state\":\"running\",\"phase\":\"indexing\",\"read\":25000,\"indexed\":24000,"
                        + "\"rejected\":3,\"itemsPerSecond\":8123.4,\"etaSeconds\":75,\"total\":100000}"));
        assertEquals(
                "[#####---------------]  25%  indexing  25,000 read  3 rejected  8,123 items/s  ETA 1:15",
                status.progressLine(10, 20));
        ReindexStatus noTotal = ReindexStatus.of(
                json("{\"job\":\"j1\",\"state\":\"running\",\"phase\":\"fitting\",\"etaSeconds\":30}"));
        assertTrue(noTotal.progressLine(10, 4).startsWith("[#---]  25%  fitting"), noTotal.progressLine(10, 4));
        ReindexStatus unknown = ReindexStatus.of(json("{\"job\":\"j1\",\"state\":\"running\",\"phase\":\"swapping\"}"));
        assertEquals("[    ]  ?%  swapping  0:03", unknown.progressLine(3, 4));
    }

    @Test
    void theEmbedderIsCheckedAndSentByItsId() {
        ReindexCli.Options options =
                ReindexCli.parse(new String[] {"--format", "live", "--embedder", "Transformer"}, Map.of());
        assertEquals(
                "{\"format\":\"live\",\"embedder\":\"transformer:bge-small-en-v15-q\"}",
                Json.write(options.requestBody()));
        assertTrue(usageError("--format", "live", "--embedder", "bert").startsWith("--embedder: embedder must be"));
    }

    @Test
    void progressLineOfTheEmbeddingPhaseShowsEmbeddedAndCachedTexts() {
        ReindexStatus status = ReindexStatus.of(json("{\"job\":\"j2\",\"state\":\"running\",\"phase\":\"embedding\","
                + "\"read\":5000,\"embedded\":1200,\"cached\":3800,\"itemsPerSecond\":702.4,\"etaSeconds\":64,"
                + "\"total\":49688,\"embedder\":\"transformer:bge-small-en-v15-q\"}"));
        assertEquals(
                "[##------------------]  10%  embedding  5,000 read  1,200 embedded  3,800 cached  702 items/s  ETA 1:04",
                status.progressLine(10, 20));
        assertTrue(
                status.summary(Duration.ofSeconds(70))
                        .contains("embedder transformer:bge-small-en-v15-q: 1,200 texts embedded, 3,800 from the"
                                + " embedding cache"),
                status.summary(Duration.ofSeconds(70)));
    }

    @Test
    void summaryListsCountsAndFirstErrors() {
        ReindexStatus status = ReindexStatus.of(json("{\"job\":\"j9\",\"state\":\"failed\",\"read\":10,"
                + "\"indexed\":0,\"rejected\":12,\"generation\":null,\"failure\":\"error ratio 1.0 above 0.01\","
                + "\"errors\":[{\"line\":3,\"field\":\"price\",\"reason\":\"must not be negative\"},"
                + "{\"line\":4,\"field\":null,\"reason\":\"malformed JSON\"}]}"));
        assertEquals(
                String.join(
                        "\n",
                        "reindex j9 failed",
                        "  read 10, indexed 0, rejected 12 in 1:05",
                        "  failure: error ratio 1.0 above 0.01",
                        "  first errors:",
                        "    line 3, field 'price': must not be negative",
                        "    line 4: malformed JSON",
                        "    ... and 10 more"),
                status.summary(Duration.ofSeconds(65)));
    }

    @Test
    void followsAJobToSuccessOverHttp() throws Exception {
        Path catalog = Files.writeString(dir.resolve("c.jsonl"), "");
        AtomicInteger polls = new AtomicInteger();
        try (TestServer server = new TestServer(request -> {
            if (request.method().equals("POST")) {
                return new TestServer.Answer(
                        202, "{\"job\":\"r-1\",\"state\":\"running\",\"href\":\"/v1/admin/reindex/r-1\"}");
            }
            boolean done = polls.incrementAndGet() >= 3;
            return new TestServer.Answer(
                    200,
                    "{\"job\":\"r-1\",\"state\":\"" + (done ? "succeeded" : "running")
                            + "\",\"phase\":\"" + (done ? "publishing" : "indexing") + "\",\"read\":5,\"indexed\":5,"
                            + "\"rejected\":0,\"itemsPerSecond\":100,\"etaSeconds\":1,\"errors\":[],\"generation\":4}");
        })) {
            ReindexCli.Options options = ReindexCli.parse(
                    new String[] {
                        "--source",
                        catalog.toString(),
                        "--server",
                        server.url(),
                        "--max-error-ratio",
                        "0.05",
                        "--max-items-per-second",
                        "500"
                    },
                    Map.of(ReindexCli.TOKEN_ENV, "tok"));
            int status = ReindexCli.follow(
                    options,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    false,
                    Duration.ofMillis(10));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            TestServer.Seen post = server.seen.get(0);
            assertEquals("/v1/admin/reindex", post.uri());
            assertEquals("Bearer tok", post.authorization());
            JsonNode body = json(post.body());
            assertEquals(
                    catalog.toAbsolutePath().toString(), body.path("source").asText());
            assertEquals("jsonl", body.path("format").asText());
            assertEquals(0.05, body.path("maxErrorRatio").asDouble());
            assertEquals(500, body.path("maxItemsPerSecond").asDouble());
            assertEquals("/v1/admin/reindex/r-1", server.seen.get(1).uri());
            assertEquals("Bearer tok", server.seen.get(1).authorization());
            assertEquals(3, polls.get());
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("reindex r-1 succeeded: generation 4"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("indexing"));
        }
    }

    @Test
    void conflictsAndTokenRefusalsExitWithOne() throws IOException {
        Path catalog = Files.writeString(dir.resolve("c.jsonl"), "");
        for (Map.Entry<Integer, String> refusal : Map.of(
                        409, "a reindex is already running: r-7",
                        401, "the server wants an admin token (401)",
                        403, "the admin token was refused (403)")
                .entrySet()) {
            try (TestServer server = new TestServer(request ->
                    new TestServer.Answer(refusal.getKey(), "{\"error\":\"x\",\"message\":\"no\",\"job\":\"r-7\"}"))) {
                err.reset();
                assertEquals(1, run(Map.of(), "--source", catalog.toString(), "--server", server.url()));
                assertTrue(
                        err.toString(StandardCharsets.UTF_8).contains(refusal.getValue()),
                        err.toString(StandardCharsets.UTF_8));
                assertEquals(null, server.seen.get(0).authorization(), "no token, no header");
            }
        }
    }

    @Test
    void aSourceTheServiceMayNotReadIsRefusedSayingWhereSourcesGo() throws IOException {
        Path catalog = Files.writeString(dir.resolve("c.jsonl"), "");
        try (TestServer server = new TestServer(request -> new TestServer.Answer(
                400,
                "{\"error\":\"bad_request\",\"field\":\"source\",\"message\":\"source is not under a folder the"
                        + " service may read files from (its --data folder or a --catalog-dir)\"}"))) {
            assertEquals(1, run(Map.of(), "--source", catalog.toString(), "--server", server.url()));
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("field 'source': source is not under a folder"), said);
            assertTrue(said.contains(ReindexCli.WHERE_SOURCES_GO), said);
        }
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--catalog-dir"), "the help says where sources go");
    }

    @Test
    void aFailedJobExitsWithOne() throws IOException {
        Path catalog = Files.writeString(dir.resolve("c.jsonl"), "");
        try (TestServer server = new TestServer(request -> request.method().equals("POST")
                ? new TestServer.Answer(202, "{\"job\":\"r-2\",\"state\":\"running\"}")
                : new TestServer.Answer(
                        200,
                        "{\"job\":\"r-2\",\"state\":\"failed\",\"phase\":\"validating\","
                                + "\"failure\":\"validation gate: 0 items\",\"errors\":[]}"))) {
            assertEquals(1, run(Map.of(), "--source", catalog.toString(), "--server", server.url()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("failure: validation gate: 0 items"));
        }
        assertEquals(List.of(), List.of());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
