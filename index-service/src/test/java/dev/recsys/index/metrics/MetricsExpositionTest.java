package dev.recsys.index.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.ranker.fairness.ExposureConfig;
import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.fairness.ServedItem;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service's metrics, scraped in each format the Prometheus client writes, and read back. */
class MetricsExpositionTest {
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final ExposureLedger ledger = new ExposureLedger(ExposureConfig.defaults(), () -> 1_000_000L);
    private MetricsExposition exposition;

    @BeforeEach
    void register() {
        PrometheusRegistry registry = new PrometheusRegistry();
        ServiceMetrics.register(registry, new UserVectorStore(), new LiveCatalog(), ledger);
        exposition = new MetricsExposition(registry);
    }

    private PrometheusText classic() {
        MetricsExposition.Scrape scrape = exposition.scrape(null);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType());
        return PrometheusText.parse(new String(scrape.body(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutAnAcceptHeaderTheClassicTextFormatHasJvmProcessBuildAndServiceMetrics() {
        PrometheusText text = classic();

        assertEquals("gauge", text.types.get("recsys_build_info"));
        assertEquals(
                1,
                text.value(
                                "recsys_build_info",
                                Map.of("version", BuildInfo.version(), "lucene_version", Version.LATEST.toString()))
                        .orElseThrow());
        assertTrue(BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), BuildInfo.version());
        assertTrue(text.value("jvm_memory_used_bytes", Map.of("area", "heap")).orElseThrow() > 0);
        assertTrue(text.value("jvm_memory_max_bytes", Map.of("area", "heap")).isPresent());
        assertEquals("counter", text.types.get("process_cpu_seconds_total"));
        assertTrue(text.value("process_start_time_seconds") > 0);
        assertTrue(text.value("jvm_threads_current") > 0);

        assertEquals(-1, text.value("recsys_catalog_generation"), "no generation while loading");
        assertEquals(0, text.value("recsys_catalog_items"));
        assertEquals(0, text.value("recsys_shoppers"));
        for (String counter : List.of(
                "recsys_user_vectors_applied_total",
                "recsys_user_vectors_ignored_total",
                "recsys_user_vectors_erased_total",
                "recsys_erasures_total")) {
            assertEquals("counter", text.types.get(counter), counter);
            assertEquals(0, text.value(counter), counter);
        }
        for (String ratio : List.of(
                ExposureCollector.PROTECTED, ExposureCollector.PROTECTED_ITEMS, ExposureCollector.LARGEST_SELLER)) {
            assertEquals("gauge", text.types.get(ratio), ratio);
        }
    }

    @Test
    void openMetricsWhenAskedCarriesTypesUnitsAndEof() {
        MetricsExposition.Scrape scrape = exposition.scrape(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertEquals(OPENMETRICS, scrape.contentType());
        String body = new String(scrape.body(), StandardCharsets.UTF_8);
        assertTrue(body.endsWith("# EOF\n"), body.substring(Math.max(0, body.length() - 200)));

        PrometheusText text = PrometheusText.parseOpenMetrics(body);
        assertEquals("info", text.types.get("recsys_build"));
        assertEquals("counter", text.types.get("recsys_erasures"));
        assertEquals(0, text.value("recsys_erasures_total"));
        assertEquals("ratio", text.units.get(ExposureCollector.PROTECTED));
        assertEquals("bytes", text.units.get("jvm_memory_used_bytes"));
        assertEquals("seconds", text.units.get("process_cpu_seconds"));
    }

    @Test
    void theProtobufFormatWhenAskedHoldsTheSameFamiliesAsTheText() throws Exception {
        PrometheusText text = classic();
        MetricsExposition.Scrape scrape = exposition.scrape(ProtobufScrape.ACCEPT);
        assertEquals(ProtobufScrape.CONTENT_TYPE, scrape.contentType());
        ProtobufScrape protobuf = ProtobufScrape.parse(scrape.body());

        // Families and series only ever appear (a pool's allocation counter after its first collection), so
        // everything of the earlier text scrape is in the later protobuf one, with the same type.
        for (String family : text.types.keySet()) {
            String type = protobuf.type(family).name().toLowerCase(Locale.ROOT);
            assertEquals(text.types.get(family), type, family);
            Set<Map<String, String>> series = new HashSet<>();
            for (PrometheusText.Sample sample : text.samples) {
                boolean parts = type.equals("histogram") || type.equals("summary");
                if (sample.name().equals(family) || (parts && sample.name().startsWith(family + "_"))) {
                    Map<String, String> labels = new HashMap<>(sample.labels());
                    labels.remove("le");
                    labels.remove("quantile");
                    series.add(labels);
                }
            }
            assertTrue(Set.copyOf(protobuf.labelSets(family)).containsAll(series), family);
        }
        for (String family : protobuf.families.keySet()) {
            assertTrue(!family.startsWith("recsys_") || text.types.containsKey(family), family);
        }
        assertEquals(Metrics.MetricType.COUNTER, protobuf.type("recsys_erasures_total"));
        assertEquals(Metrics.MetricType.GAUGE, protobuf.type("recsys_build_info"));
    }

    @Test
    void theExposureGaugesDescribeOneReportOfTheLedger() {
        ledger.record(List.of(new ServedItem("a", "small-1", true), new ServedItem("b", "large-1", false)));
        ledger.record(List.of(new ServedItem("c", "small-1", true)));

        PrometheusText text = classic();
        assertEquals(2, text.value(ExposureCollector.RANKINGS));
        assertEquals(2.0 / 3, text.value(ExposureCollector.PROTECTED_ITEMS), 1e-12);
        double second = 1 / (Math.log(3) / Math.log(2));
        assertEquals(2 / (2 + second), text.value(ExposureCollector.PROTECTED), 1e-9);
        assertEquals(2 / (2 + second), text.value(ExposureCollector.LARGEST_SELLER), 1e-9);
        assertEquals(ledger.report().protectedExposureShare(), text.value(ExposureCollector.PROTECTED), 1e-12);
    }
}
