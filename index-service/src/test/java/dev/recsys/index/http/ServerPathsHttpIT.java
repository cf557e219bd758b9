package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reindex reads no server file it should not and shows nothing of one it reads: over real HTTP against
 * the real service, whose allowed folders are its {@code --data} folder and one {@code --catalog-dir}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerPathsHttpIT {
    private static final String TOKEN = "paths-test-admin-token";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static Path catalogs;
    private static Path outside;
    private static String secret;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startService() throws Exception {
        Random random = new Random(77);
        StringBuilder text = new StringBuilder("sk_live_");
        while (text.length() < 100) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        secret = text.toString();

        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), "API_KEY=" + secret + "\n");
        Files.writeString(outside.resolve(CfFactorsReader.MODEL_FILE), "API_KEY=" + secret + "\n");
        Files.writeString(outside.resolve(CfFactorsReader.ITEMS_FILE), "API_KEY=" + secret + "\n");
        catalogs = Files.createDirectories(dir.resolve("catalogs"));
        Path catalog = dir.resolve("start.jsonl");
        CatalogFile.write(catalog, SampleCatalog.generate(100, 4));

        service = new IndexService(ServiceConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--catalog-dir",
                catalogs.toString(),
                "--admin-token",
                TOKEN));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "not ready: " + service.missing());
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private record Answer(int status, JsonNode body, String text) {}

    private static Answer admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN);
        request = method.equals("GET")
                ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response.body());
    }

    private static Answer reindex(String format, String field, Path path) throws Exception {
        String body = "{\"format\":\"" + format + "\"," + Json.MAPPER.writeValueAsString(field) + ":"
                + Json.MAPPER.writeValueAsString(path.toString()) + "}";
        return admin("POST", "/v1/admin/reindex", body);
    }

    /** Nothing read from a file outside: not the secret, not a line of /etc/passwd, not the environment. */
    private static void assertNothingLeaked(String text) {
        assertFalse(text.contains(secret.substring(0, 12)), text);
        assertFalse(text.contains("root:x:0"), text);
        assertFalse(text.contains("API_KEY"), text);
        String path = System.getenv("PATH");
        if (path != null && path.length() > 8) {
            assertFalse(text.contains(path), text);
        }
    }

    /** 400 naming the field, saying the path is not under an allowed folder, and nothing else. */
    private static void assertRefused(Answer answer, String field) {
        assertEquals(400, answer.status(), answer.text());
        assertEquals("bad_request", answer.body().path("error").asText());
        assertEquals(field, answer.body().path("field").asText(), answer.text());
        assertEquals(
                field + " is not under a folder the service may read files from (its --data folder or a --catalog-dir)",
                answer.body().path("message").asText());
        assertNothingLeaked(answer.text());
    }

    @Test
    @Order(1)
    void filesOutsideTheAllowedFoldersAre400WithoutTheirContent() throws Exception {
        assertRefused(reindex("movielens", "source", Path.of("/etc/passwd")), "source");
        assertRefused(reindex("jsonl", "source", Path.of("/etc/passwd")), "source");
        assertRefused(reindex("jsonl", "source", Path.of("/proc/self/environ")), "source");
        assertRefused(reindex("instacart", "source", Path.of("/etc")), "source");
        assertRefused(reindex("jsonl", "source", outside.resolve("secret.jsonl")), "source");
        assertRefused(reindex("live", "cfFactors", outside), "cfFactors");
    }

    @Test
    @Order(2)
    void aLinkInsideAFolderThatLeadsOutsideIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(catalogs.resolve("catalog.jsonl"), outside.resolve("secret.jsonl"));
        assertRefused(reindex("jsonl", "source", link), "source");
        Path environ = Files.createSymbolicLink(catalogs.resolve("environ.jsonl"), Path.of("/proc/self/environ"));
        assertRefused(reindex("jsonl", "source", environ), "source");
        Path passwd = Files.createDirectories(catalogs.resolve("movielens"));
        Files.createSymbolicLink(passwd.resolve("movies.csv"), Path.of("/etc/passwd"));
        assertRefused(reindex("movielens", "source", passwd), "source");
        Path factors = Files.createSymbolicLink(catalogs.resolve("factors"), outside);
        assertRefused(reindex("live", "cfFactors", factors), "cfFactors");
    }

    @Test
    @Order(3)
    void dotDotOutOfAFolderIsRefusedAndMissingFilesLookAlike() throws Exception {
        assertRefused(reindex("jsonl", "source", catalogs.resolve("../outside/secret.jsonl")), "source");
        assertRefused(reindex("jsonl", "source", catalogs.resolve("../../../../../../etc/passwd")), "source");
        Answer existing = reindex("jsonl", "source", outside.resolve("secret.jsonl"));
        Answer missing = reindex("jsonl", "source", outside.resolve("no-such-file.jsonl"));
        assertEquals(existing.text(), missing.text(), "the answer does not tell whether a file exists outside");
        assertRefused(reindex("live", "cfFactors", catalogs.resolve("../outside")), "cfFactors");
    }

    @Test
    @Order(4)
    void noRefusedRequestStartedAJob() throws Exception {
        Answer status = admin("GET", "/v1/admin/status", null);
        assertEquals(200, status.status(), status.text());
        assertTrue(status.body().path("job").isNull(), status.text());
        assertTrue(
                status.body().path("lastJob").path("source").asText().contains("start.jsonl"),
                "the last job is still the first build: " + status.text());
        assertNothingLeaked(status.text());
    }

    @Test
    @Order(5)
    void aFileInsideIsReadButItsRejectedLinesShowOnlyExcerpts() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add("password=" + secret + "\u0000\u001b[2J " + i);
        }
        Path leaky = Files.write(catalogs.resolve("leaky.jsonl"), lines);
        Answer started = reindex("jsonl", "source", leaky);
        assertEquals(202, started.status(), started.text());
        String job = started.body().path("job").asText();

        JsonNode done = awaitJob(job);
        assertEquals("failed", done.path("state").asText(), done.toString());
        assertEquals(20, done.path("errors").size(), done.toString());
        for (JsonNode error : done.path("errors")) {
            String reason = error.path("reason").asText();
            assertTrue(reason.startsWith("malformed JSON"), reason);
            assertSafe(reason);
        }
        assertSafe(done.path("failure").asText());
        assertSafe(admin("GET", "/v1/admin/status", null).body().path("lastJob").toString());
    }

    /** At most an excerpt of the secret, no raw control characters. */
    private static void assertSafe(String text) {
        for (int i = 0; i + Excerpt.MAX_INPUT < secret.length(); i++) {
            assertFalse(text.contains(secret.substring(i, i + Excerpt.MAX_INPUT + 1)), text);
        }
        assertTrue(text.chars().noneMatch(Character::isISOControl), text);
    }

    @Test
    @Order(6)
    void theDataFolderIsAllowedToo() throws Exception {
        Path catalog = dir.resolve("data").resolve("catalog.jsonl");
        CatalogFile.write(catalog, SampleCatalog.generate(60, 8));
        Answer started = reindex("jsonl", "source", catalog);
        assertEquals(202, started.status(), started.text());
        JsonNode done = awaitJob(started.body().path("job").asText());
        assertEquals("succeeded", done.path("state").asText(), done.toString());
        assertEquals(60, done.path("indexed").asLong());
    }

    private static JsonNode awaitJob(String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode now = admin("GET", "/v1/admin/reindex/" + job, null).body();
            if (!now.path("state").asText().equals("running")) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " did not finish in 60 s");
    }
}
