package dev.recsys.index.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    @Test
    void countersWithLabelsParseBackWithTheirValuesEscaped() {
        MetricsRegistry registry = new MetricsRegistry();
        Counter counter = registry.counter("t_requests_total", "Requests.", "path", "status");
        String awkward = "a\"b\\c\nd{e}=f,g ";
        counter.labels("/v1/feed", "2xx").inc(3);
        counter.labels(awkward, "4xx").inc();
        counter.labels("/v1/feed", "2xx").inc();

        String text = registry.scrape();
        assertTrue(text.contains("t_requests_total{path=\"a\\\"b\\\\c\\nd{e}=f,g \",status=\"4xx\"} 1\n"), text);
        PrometheusText parsed = PrometheusText.parse(text);
        assertEquals("counter", parsed.types.get("t_requests_total"));
        assertEquals("Requests.", parsed.help.get("t_requests_total"));
        assertEquals(
                4,
                parsed.value("t_requests_total", Map.of("path", "/v1/feed", "status", "2xx"))
                        .orElseThrow());
        assertEquals(
                1,
                parsed.value("t_requests_total", Map.of("path", awkward, "status", "4xx"))
                        .orElseThrow());
        assertEquals(2, parsed.samples.size());
    }

    @Test
    void helpTextEscapesBackslashAndLineFeed() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.gaugeFrom("t_gauge", "first line\nC:\\path \"quoted\"", () -> 1);
        String text = registry.scrape();
        assertTrue(text.startsWith("# HELP t_gauge first line\\nC:\\\\path \"quoted\"\n# TYPE t_gauge gauge\n"), text);
        assertEquals(
                "first line\nC:\\path \"quoted\"",
                PrometheusText.parse(text).help.get("t_gauge"));
    }

    @Test
    void histogramBucketsAreCumulativeWithUpperBoundsIncluded() {
        MetricsRegistry registry = new MetricsRegistry();
        Histogram histogram = registry.histogram("t_seconds", "Latency.", new double[] {0.001, 0.0025, 1, 2.5}, "ep");
        Histogram.Series feed = histogram.labels("/v1/feed");
        for (double value : new double[] {0.0005, 0.001, 0.002, 0.3, 7}) {
            feed.observe(value);
        }

        String text = registry.scrape();
        assertTrue(text.contains("t_seconds_bucket{ep=\"/v1/feed\",le=\"0.001\"} 2\n"), text);
        assertTrue(text.contains("t_seconds_bucket{ep=\"/v1/feed\",le=\"1\"} 4\n"), text);
        PrometheusText parsed = PrometheusText.parse(text);
        assertEquals("histogram", parsed.types.get("t_seconds"));
        double[] expected = {2, 3, 4, 4, 5};
        String[] bounds = {"0.001", "0.0025", "1", "2.5", "+Inf"};
        for (int i = 0; i < bounds.length; i++) {
            assertEquals(
                    expected[i],
                    parsed.value("t_seconds_bucket", Map.of("ep", "/v1/feed", "le", bounds[i]))
                            .orElseThrow(),
                    bounds[i]);
        }
        assertEquals(
                5, parsed.value("t_seconds_count", Map.of("ep", "/v1/feed")).orElseThrow());
        assertEquals(
                0.0005 + 0.001 + 0.002 + 0.3 + 7,
                parsed.value("t_seconds_sum", Map.of("ep", "/v1/feed")).orElseThrow(),
                1e-12);
    }

    @Test
    void gaugesGoUpAndDownAndSampledMetricsAreReadAtScrapeTime() {
        MetricsRegistry registry = new MetricsRegistry();
        Gauge inFlight = registry.gauge("t_in_flight", "In flight.");
        inFlight.labels().inc();
        inFlight.labels().inc();
        inFlight.labels().dec();
        Gauge level = registry.gauge("t_level", "Level.", "tank");
        level.labels("b").set(-2.5);
        level.labels("a").set(0.125);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger hooks = new AtomicInteger();
        registry.beforeScrape(hooks::incrementAndGet);
        registry.counterFrom("t_reads_total", "Reads.", reads::incrementAndGet);
        registry.gaugeFrom("t_ratio", "Ratio.", () -> Double.NaN);

        PrometheusText first = PrometheusText.parse(registry.scrape());
        PrometheusText second = PrometheusText.parse(registry.scrape());
        assertEquals(1, first.value("t_in_flight"));
        assertEquals(-2.5, first.value("t_level", Map.of("tank", "b")).orElseThrow());
        assertEquals(1, first.value("t_reads_total"));
        assertEquals(2, second.value("t_reads_total"));
        assertTrue(Double.isNaN(first.value("t_ratio")));
        assertEquals(2, hooks.get());
        assertEquals("counter", first.types.get("t_reads_total"));
        // Registration order for metrics, label order within one.
        assertEquals(List.of("t_in_flight", "t_level", "t_reads_total", "t_ratio"), List.copyOf(first.types.keySet()));
        assertEquals(
                List.of("a", "b"),
                first.samples.stream()
                        .filter(s -> s.name().equals("t_level"))
                        .map(s -> s.labels().get("tank"))
                        .toList());
    }

    @Test
    void numbersAreWrittenAsPrometheusReadsThem() {
        assertEquals("3", TextFormat.number(3));
        assertEquals("0", TextFormat.number(-0.0));
        assertEquals("0.25", TextFormat.number(0.25));
        assertEquals("1.0E20", TextFormat.number(1e20));
        assertEquals("+Inf", TextFormat.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", TextFormat.number(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", TextFormat.number(Double.NaN));
        assertEquals(1e20, PrometheusText.number(TextFormat.number(1e20)));
        assertEquals(1.5e-7, PrometheusText.number(TextFormat.number(1.5e-7)));
    }

    @Test
    void badNamesLabelsAndDuplicatesAreRejected() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.counter("t_total", "Total.", "a");
        assertThrows(IllegalArgumentException.class, () -> registry.counter("t_total", "Again."));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("1bad", "Bad."));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("t-dash", "Bad."));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("t_x", "Bad.", "a-b"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("t_y", "Bad.", "__reserved"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("t_z", "Bad.", "a", "a"));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("t_help", " "));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("t_h1", "H.", new double[] {1}, "le"));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("t_h2", "H.", new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("t_h3", "H.", new double[] {}));
        Counter counter = registry.counter("t_two_total", "Two labels.", "a", "b");
        assertThrows(IllegalArgumentException.class, () -> counter.labels("only-one"));
        assertThrows(NullPointerException.class, () -> counter.labels("x", null));
        assertThrows(
                IllegalArgumentException.class, () -> counter.labels("x", "y").inc(-1));
    }

    @Test
    void concurrentUpdatesAddUpExactly() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        Counter counter = registry.counter("t_total", "Total.", "shard");
        Histogram histogram = registry.histogram("t_h", "H.", new double[] {0.5}, "shard");
        Gauge gauge = registry.gauge("t_g", "G.");
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Integer> below = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(11 + t);
                done.add(pool.submit(() -> {
                    start.await();
                    int low = 0;
                    for (int i = 0; i < perThread; i++) {
                        String shard = "s" + (i % 3);
                        counter.labels(shard).inc();
                        double value = random.nextDouble();
                        low += value <= 0.5 ? 1 : 0;
                        histogram.labels("all").observe(value);
                        gauge.labels().inc();
                        gauge.labels().dec();
                    }
                    return low;
                }));
            }
            start.countDown();
            for (Future<Integer> future : done) {
                below.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        PrometheusText parsed = PrometheusText.parse(registry.scrape());
        double total = parsed.samples.stream()
                .filter(s -> s.name().equals("t_total"))
                .mapToDouble(PrometheusText.Sample::value)
                .sum();
        assertEquals((double) threads * perThread, total);
        assertEquals(
                (double) threads * perThread,
                parsed.value("t_h_count", Map.of("shard", "all")).orElseThrow());
        assertEquals(
                below.stream().mapToInt(Integer::intValue).sum(),
                parsed.value("t_h_bucket", Map.of("shard", "all", "le", "0.5")).orElseThrow());
        assertEquals(0, parsed.value("t_g"));
    }
}
