package dev.recsys.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.Converters;
import dev.recsys.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadToolTest {
    @TempDir
    Path dir;

    @Test
    void badFlagsAreNamed() {
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--mix", "feed=x"}))
                .getMessage()
                .startsWith("--mix"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--mix", "cart=1"}))
                .getMessage()
                .contains("feed and search"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--duration", "soon"}))
                .getMessage()
                .contains("'--duration': must be a duration such as 30s"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--concurrency", "0"}))
                .getMessage()
                .startsWith("--concurrency"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--url", "localhost"}))
                .getMessage()
                .startsWith("--server"));
        assertTrue(assertThrows(
                        UsageException.class,
                        () -> LoadTool.parse(
                                new String[] {"--queries", dir.resolve("none").toString()}))
                .getMessage()
                .startsWith("--queries"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--feed-params", "w.seq"}))
                .getMessage()
                .startsWith("--feed-params"));
        assertEquals(
                2,
                LoadTool.run(new String[] {"--rate", "-1"}, System.out, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void mixAndDurationsParse() {
        assertEquals(0.7, LoadTool.mix("feed=0.7,search=0.3"), 1e-9);
        assertEquals(0.25, LoadTool.mix("feed=1, search=3"), 1e-9);
        assertEquals(1.0, LoadTool.mix("feed=1"), 1e-9);
        assertEquals(Duration.ofMillis(500), Converters.ShortDuration.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), Converters.ShortDuration.parse("2m"));
        assertEquals(Duration.ofSeconds(30), Converters.ShortDuration.parse("30"));
        assertEquals(Duration.ofSeconds(30), Converters.ShortDuration.parse("PT30S"));
    }

    @Test
    void drivesFeedAndSearchAndCountsErrorsAndEmptyAnswers() throws IOException {
        Path queries = Files.writeString(dir.resolve("q.txt"), "# words\nlamp\n\nred shoes\n");
        try (TestServer server = new TestServer(request -> {
            if (request.uri().startsWith("/v1/search")) {
                return request.uri().contains("q=lamp")
                        ? new TestServer.Answer(200, "{\"items\":[]}")
                        : new TestServer.Answer(503, "{\"error\":\"not ready\"}");
            }
            return new TestServer.Answer(200, "{\"items\":[{\"itemId\":\"p-1\"}]}");
        })) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = LoadTool.run(
                    new String[] {
                        "--url",
                        server.url(),
                        "--warmup",
                        "0",
                        "--duration",
                        "20s",
                        "--requests",
                        "200",
                        "--concurrency",
                        "4",
                        "--mix",
                        "feed=1,search=1",
                        "--users",
                        "5",
                        "--queries",
                        queries.toString(),
                        "--feed-params",
                        "w.seq=0&w.cf=1.5",
                        "--fail-on-error"
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(1, status, "--fail-on-error turns the 503s into exit status 1");
            assertEquals(200, server.seen.size());
            List<String> uris = server.seen.stream().map(TestServer.Seen::uri).toList();
            long feeds = uris.stream()
                    .filter(uri -> uri.startsWith("/v1/feed?user="))
                    .count();
            assertTrue(feeds > 60 && feeds < 140, feeds + " feed requests");
            assertTrue(uris.stream()
                    .allMatch(uri -> uri.startsWith("/v1/feed?") == uri.endsWith("&k=10&w.seq=0&w.cf=1.5")));
            assertTrue(uris.stream().anyMatch(uri -> uri.contains("user=shopper-5")));
            assertTrue(uris.stream().anyMatch(uri -> uri.contains("user=visitor-")));
            assertTrue(uris.stream().anyMatch(uri -> uri.contains("q=red+shoes")));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.startsWith("200 requests in "), report);
            assertTrue(report.contains("search answered 503"), report);
        }
    }

    @Test
    void theTokenGoesWithEveryRequestAndComesFromTheEnvironmentByDefault() throws Exception {
        try (TestServer server = new TestServer(request -> "Bearer api-secret".equals(request.authorization())
                ? new TestServer.Answer(200, "{\"items\":[{\"itemId\":\"p-1\"}]}")
                : new TestServer.Answer(401, "{\"error\":\"unauthorized\"}"))) {
            String[] args = {"--url", server.url(), "--warmup", "0", "--requests", "20", "--concurrency", "2"};
            LoadTool.Report report = new LoadTool(LoadTool.parse(args, Map.of(LoadTool.TOKEN_ENV, "api-secret"))).run();
            assertEquals(20, report.requests());
            assertEquals(0, report.errors());
            assertTrue(server.seen.stream().allMatch(seen -> "Bearer api-secret".equals(seen.authorization())));

            String[] flag = {"--url", server.url(), "--warmup", "0", "--requests", "5", "--token", "api-secret"};
            assertEquals(0, new LoadTool(LoadTool.parse(flag, Map.of())).run().errors());

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = LoadTool.run(
                    new String[] {"--url", server.url(), "--warmup", "0", "--requests", "5"},
                    Map.of(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, "without --fail-on-error a refusal is reported, not fatal");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("5 requests refused (401/403)"), err.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--token"), err.toString());
        }
        assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--token", "a b"}, Map.of()));
    }

    @Test
    void reportCountsNon200AndEmptyPerEndpoint() throws Exception {
        try (TestServer server = new TestServer(request -> new TestServer.Answer(200, "{\"items\":[]}"))) {
            LoadTool.Options options = LoadTool.parse(new String[] {
                "--url", server.url(), "--warmup", "0", "--requests", "30", "--mix", "feed=1,search=0", "--rate", "1000"
            });
            LoadTool.Report report = new LoadTool(options).run();
            assertEquals(30, report.requests());
            assertEquals(30, report.stats().get(LoadTool.Endpoint.FEED).empty.get());
            assertEquals(0, report.errors());
        }
    }

    @Test
    void warmUpRequestsAreSentButNotCounted() throws Exception {
        try (TestServer server = new TestServer(request -> new TestServer.Answer(200, "{\"items\":[]}"))) {
            LoadTool.Options options = LoadTool.parse(new String[] {
                "--url", server.url(), "--warmup", "300ms", "--requests", "20", "--rate", "100", "--concurrency", "4"
            });
            LoadTool.Report report = new LoadTool(options).run();
            // At 100 requests/s the requests due in the first 300 ms are the warm-up's 30.
            assertEquals(20, report.requests());
            assertEquals(50, server.seen.size());
            assertEquals(
                    20,
                    report.stats().values().stream()
                            .mapToLong(s -> s.empty.get())
                            .sum());
        }
    }

    @Test
    void warmUpTakesZeroButNotNegativeOrWords() {
        assertEquals(
                Duration.ZERO, LoadTool.parse(new String[] {"--warmup", "0"}).warmup());
        assertEquals(LoadTool.DEFAULT_WARMUP, LoadTool.parse(new String[0]).warmup());
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--warmup", "-1s"}))
                .getMessage()
                .contains("--warmup"));
        assertTrue(assertThrows(UsageException.class, () -> LoadTool.parse(new String[] {"--warmup", "later"}))
                .getMessage()
                .contains("--warmup"));
    }
}
