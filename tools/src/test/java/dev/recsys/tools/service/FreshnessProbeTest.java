package dev.recsys.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FreshnessProbeTest {
    /** A service whose feed is personalised for a shopper from the first poll after that shopper's event. */
    private static TestServer service(Set<String> shoppersWithEvents) throws Exception {
        return new TestServer(request -> {
            if (request.method().equals("POST")) {
                shoppersWithEvents.add(request.body().replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1"));
                return new TestServer.Answer(202, "{\"accepted\":true}");
            }
            if (request.uri().startsWith("/v1/users/")) {
                return shoppersWithEvents.contains(request.uri().substring("/v1/users/".length()))
                        ? new TestServer.Answer(200, "{}")
                        : new TestServer.Answer(404, "{}");
            }
            String user = request.uri().replaceAll(".*user=([^&]*).*", "$1");
            int version = shoppersWithEvents.contains(user) ? 1 : 0;
            return new TestServer.Answer(
                    200, "{\"profileVersion\":" + version + ",\"items\":[{\"itemId\":\"item-7\"}]}");
        });
    }

    @Test
    void measuresEveryProbeBackToBack() throws Exception {
        Set<String> shoppers = ConcurrentHashMap.newKeySet();
        try (TestServer server = service(shoppers)) {
            FreshnessProbe.Result result = new FreshnessProbe(server.url()).run(5, 5_000, ProbePacing.BACK_TO_BACK);
            assertEquals(5, result.latenciesMs().size());
            assertEquals(0, result.timeouts());
            assertEquals(0, result.notStarted());
            assertEquals(5, shoppers.size(), "one brand-new shopper per probe");
            assertTrue(server.seen.stream()
                    .filter(seen -> seen.method().equals("POST"))
                    .allMatch(seen -> seen.body().contains("\"itemId\":\"item-7\"")));
            assertTrue(result.summary().startsWith("event -> /v1/feed freshness over 5 events (0 timed out): p50 "));
        }
    }

    @Test
    void withAHistoryTheLastEventIsMeasuredAndEachVariantReadsTheFeedItsWay() throws Exception {
        Map<String, Integer> events = new ConcurrentHashMap<>();
        try (TestServer server = new TestServer(request -> {
            if (request.method().equals("POST")) {
                events.merge(request.body().replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1"), 1, Integer::sum);
                return new TestServer.Answer(202, "{\"accepted\":true}");
            }
            if (request.uri().startsWith("/v1/users/")) {
                Integer count = events.get(request.uri().substring("/v1/users/".length()));
                return count == null
                        ? new TestServer.Answer(404, "{}")
                        : new TestServer.Answer(200, "{\"version\":" + count + "}");
            }
            String user = request.uri().replaceAll(".*user=([^&]*).*", "$1");
            int version = events.getOrDefault(user, 0);
            // The model takes part from two events on, unless the request leaves it out.
            boolean seq = version >= 2 && !request.uri().contains("w.seq=0");
            return new TestServer.Answer(
                    200,
                    "{\"profileVersion\":" + version + ",\"sources\":" + (seq ? "[\"seq\"]" : "[]")
                            + ",\"items\":[{\"itemId\":\"item-1\"},{\"itemId\":\"item-2\"}]}");
        })) {
            List<FreshnessProbe.Result> results = new FreshnessProbe(server.url())
                    .run(
                            4,
                            5_000,
                            ProbePacing.BACK_TO_BACK,
                            2,
                            List.of(
                                    new FreshnessProbe.Variant("", "seq"),
                                    new FreshnessProbe.Variant("w.seq=0", null)));
            assertEquals(2, results.get(0).latenciesMs().size());
            assertEquals(2, results.get(1).latenciesMs().size());
            assertEquals(0, results.get(0).timeouts() + results.get(1).timeouts());
            assertEquals(4, events.size());
            assertTrue(events.values().stream().allMatch(count -> count == 2), events.toString());
            List<String> posted = server.seen.stream()
                    .filter(seen -> seen.method().equals("POST"))
                    .map(seen -> seen.body().replaceAll(".*\"itemId\":\"([^\"]*)\".*", "$1"))
                    .toList();
            assertEquals(List.of("item-2", "item-1"), posted.subList(0, 2), "the measured event comes last");
            assertTrue(server.seen.stream().anyMatch(seen -> seen.uri().contains("&w.seq=0")));

            // A source that never shows: every probe expecting it times out.
            List<FreshnessProbe.Result> never = new FreshnessProbe(server.url())
                    .run(1, 300, ProbePacing.BACK_TO_BACK, 1, List.of(new FreshnessProbe.Variant("", "seq")));
            assertEquals(1, never.get(0).timeouts());
        }
    }

    @Test
    void theTokenGoesWithEveryRequestAndARefusalSaysHowToPassIt() throws Exception {
        Set<String> shoppers = ConcurrentHashMap.newKeySet();
        try (TestServer server = service(shoppers)) {
            FreshnessProbe.Result result =
                    new FreshnessProbe(server.url(), "probe-token").run(2, 5_000, ProbePacing.BACK_TO_BACK);
            assertEquals(2, result.latenciesMs().size());
            assertTrue(server.seen.stream().allMatch(seen -> "Bearer probe-token".equals(seen.authorization())));
        }
        try (TestServer server = new TestServer(request -> request.uri().startsWith("/v1/users/")
                ? new TestServer.Answer(401, "{\"error\":\"unauthorized\"}")
                : request.method().equals("POST")
                        ? new TestServer.Answer(202, "{}")
                        : new TestServer.Answer(200, "{\"profileVersion\":0,\"items\":[{\"itemId\":\"item-7\"}]}"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FreshnessProbe(server.url())
                    .run(1, 5_000, ProbePacing.BACK_TO_BACK));
            assertTrue(e.getMessage().contains("answered 401"), e.getMessage());
            assertTrue(e.getMessage().contains("pass --token"), e.getMessage());
        }
    }

    @Test
    void theTokenDefaultsToTheApiTokenThenTheAdminToken() {
        assertEquals("api", FreshnessProbe.token(null, Map.of("RECSYS_API_TOKEN", "api", "RECSYS_ADMIN_TOKEN", "adm")));
        assertEquals("adm", FreshnessProbe.token(null, Map.of("RECSYS_ADMIN_TOKEN", "adm")));
        assertEquals("adm", FreshnessProbe.token(null, Map.of("RECSYS_API_TOKEN", " ", "RECSYS_ADMIN_TOKEN", "adm")));
        assertEquals(null, FreshnessProbe.token(null, Map.of()));
        assertEquals("mine", FreshnessProbe.token("mine", Map.of("RECSYS_API_TOKEN", "api")));
    }

    @Test
    void pacedProbesStopAtTheEndOfTheWindow() throws Exception {
        Set<String> shoppers = ConcurrentHashMap.newKeySet();
        try (TestServer server = service(shoppers)) {
            long start = System.nanoTime();
            FreshnessProbe.Result result = new FreshnessProbe(server.url())
                    .run(10, 5_000, new ProbePacing(Duration.ofMillis(200), Duration.ofMillis(500)));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(3, result.latenciesMs().size(), "due at 0, 200 and 400 ms");
            assertEquals(7, result.notStarted());
            assertTrue(elapsedMs >= 400, "the third probe waited for its turn: " + elapsedMs + " ms");
            assertTrue(result.summary().endsWith("; 7 not started (window over)"), result.summary());
        }
    }

    @Test
    void asksForTheFeedOnlyOnceTheVectorsHaveArrived() throws Exception {
        long[] postedAt = {0};
        TestServer.Handler slowJob = request -> {
            if (request.method().equals("POST")) {
                postedAt[0] = System.nanoTime();
                return new TestServer.Answer(202, "{}");
            }
            boolean arrived = System.nanoTime() - postedAt[0] > 100_000_000L; // 100 ms after the event
            if (request.uri().startsWith("/v1/users/")) {
                return new TestServer.Answer(arrived ? 200 : 404, "{}");
            }
            return new TestServer.Answer(
                    200, "{\"profileVersion\":" + (arrived ? 1 : 0) + ",\"items\":[{\"itemId\":\"item-7\"}]}");
        };
        try (TestServer server = new TestServer(slowJob)) {
            FreshnessProbe.Result result = new FreshnessProbe(server.url()).run(1, 5_000, ProbePacing.BACK_TO_BACK);
            assertEquals(1, result.latenciesMs().size());
            assertTrue(result.latenciesMs().getFirst() >= 100, "seen " + result.latenciesMs());
            long userPolls = server.seen.stream()
                    .filter(seen -> seen.uri().startsWith("/v1/users/"))
                    .count();
            long feeds = server.seen.stream()
                    .filter(seen -> seen.uri().startsWith("/v1/feed"))
                    .count();
            assertTrue(userPolls >= 5, "polled the shopper's vectors " + userPolls + " times");
            assertEquals(2, feeds, "one feed for an item to interact with, one to see the event");
        }
    }

    @Test
    void aFeedThatNeverChangesTimesOut() throws Exception {
        try (TestServer server = new TestServer(request -> request.method().equals("POST")
                ? new TestServer.Answer(202, "{}")
                : new TestServer.Answer(200, "{\"profileVersion\":0,\"items\":[{\"itemId\":\"item-7\"}]}"))) {
            FreshnessProbe.Result result = new FreshnessProbe(server.url()).run(2, 50, ProbePacing.BACK_TO_BACK);
            assertEquals(0, result.latenciesMs().size());
            assertEquals(2, result.timeouts());
            assertEquals(
                    "event -> /v1/feed freshness over 2 events (2 timed out): p50 timed out, p90 timed out,"
                            + " p99 timed out, max timed out",
                    result.summary());
        }
    }

    @Test
    void timedOutEventsCountAsTheSlowestInThePercentiles() {
        List<Double> seen = new ArrayList<>();
        for (int i = 1; i <= 98; i++) {
            seen.add(100.0 - i); // 99 .. 2 ms, out of order as measured
        }
        FreshnessProbe.Result result = new FreshnessProbe.Result(seen, 2, 0);
        assertEquals(51.0, result.percentile(50));
        assertEquals(91.0, result.percentile(90));
        assertEquals(99.0, result.percentile(98));
        assertEquals(Double.POSITIVE_INFINITY, result.percentile(99));
        assertTrue(result.summary().endsWith("p50 51.0 ms, p90 91.0 ms, p99 timed out, max timed out"));
        assertEquals(Double.NaN, new FreshnessProbe.Result(List.of(), 0, 3).percentile(50));
    }

    /**
     * A service that serves a shopper once they sent an event, forgets them on DELETE and, when {@code
     * honoursErasure}, serves their next event as a new profile.
     */
    private static TestServer erasingService(boolean honoursErasure) throws Exception {
        Set<String> served = ConcurrentHashMap.newKeySet();
        return new TestServer(request -> {
            String uri = request.uri();
            if (request.method().equals("POST")) {
                String user = request.body().replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1");
                if (honoursErasure || !request.body().contains("-after")) {
                    served.add(user);
                }
                return new TestServer.Answer(202, "{\"accepted\":1}");
            }
            if (request.method().equals("DELETE")) {
                served.remove(uri.substring("/v1/admin/users/".length()));
                return new TestServer.Answer(202, "{\"status\":\"accepted\"}");
            }
            if (uri.startsWith("/v1/users/")) {
                return served.contains(uri.substring("/v1/users/".length()))
                        ? new TestServer.Answer(200, "{}")
                        : new TestServer.Answer(404, "{}");
            }
            String user = uri.replaceAll(".*user=([^&]*).*", "$1");
            return new TestServer.Answer(
                    200,
                    "{\"profileVersion\":" + (served.contains(user) ? 1 : 0) + ",\"items\":[{\"itemId\":\"item-7\"}]}");
        });
    }

    @Test
    void erasureIsTimedUntilNothingIsServedAndUntilANewProfileStarts() throws Exception {
        try (TestServer server = erasingService(true)) {
            FreshnessProbe.Erasures erasures = new FreshnessProbe(server.url(), "admin").runErasures(3, 5_000);
            assertEquals(3, erasures.served().latenciesMs().size());
            assertEquals(3, erasures.applied().latenciesMs().size());
            assertEquals(
                    3,
                    server.seen.stream()
                            .filter(seen -> seen.method().equals("DELETE"))
                            .count());
            assertTrue(erasures.served()
                    .summary("erasure -> nothing served")
                    .startsWith("erasure -> nothing served over 3 events (0 timed out): p50 "));
        }
    }

    @Test
    void anErasureTheStreamJobNeverAppliesTimesOut() throws Exception {
        try (TestServer server = erasingService(false)) {
            FreshnessProbe.Erasures erasures = new FreshnessProbe(server.url(), "admin").runErasures(2, 300);
            assertEquals(2, erasures.served().latenciesMs().size());
            assertEquals(0, erasures.applied().latenciesMs().size());
            assertEquals(2, erasures.applied().timeouts());
        }
    }
}
