package dev.recsys.index.metrics;

import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.fairness.ExposureReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Objects;

/**
 * The exposure gauges: rankings served and the fairness shares of the exposure report, from one report
 * per scrape, so that all of them describe the same window.
 */
final class ExposureCollector implements MultiCollector {
    static final String RANKINGS = "recsys_exposure_rankings";
    static final String PROTECTED = "recsys_exposure_protected_ratio";
    static final String PROTECTED_ITEMS = "recsys_exposure_protected_item_ratio";
    static final String LARGEST_SELLER = "recsys_exposure_largest_seller_ratio";

    private final ExposureLedger ledger;
    private final String window;

    ExposureCollector(ExposureLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.window = " (last " + ledger.config().window().toSeconds() + " s)";
    }

    @Override
    public MetricSnapshots collect() {
        ExposureReport report = ledger.report();
        return MetricSnapshots.of(
                gauge(RANKINGS, null, "Feed and search rankings served" + window + ".", report.rankings()),
                gauge(
                        PROTECTED,
                        Unit.RATIO,
                        "Protected items' share of position-weighted exposure (1/log2(position+1))" + window + ".",
                        report.protectedExposureShare()),
                gauge(
                        PROTECTED_ITEMS,
                        Unit.RATIO,
                        "Protected items' share of items served, position ignored" + window + ".",
                        report.protectedItemShare()),
                gauge(
                        LARGEST_SELLER,
                        Unit.RATIO,
                        "The most exposed seller's share of position-weighted exposure" + window + ".",
                        report.largestSellerShare()));
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(RANKINGS, PROTECTED, PROTECTED_ITEMS, LARGEST_SELLER);
    }

    private static GaugeSnapshot gauge(String name, Unit unit, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .unit(unit)
                .help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
