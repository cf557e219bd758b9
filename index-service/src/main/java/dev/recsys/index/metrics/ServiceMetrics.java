package dev.recsys.index.metrics;

import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.fairness.ExposureReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The index service's state on {@code /metrics}: shoppers, user-vector records and erasures, the live catalog,
 * exposure over the ledger's window and the JVM heap. All are read at scrape time from the components
 * that keep them; the request metrics are {@link dev.recsys.index.http.RequestMetrics}.
 */
public final class ServiceMetrics {
    private ServiceMetrics() {}

    public static void register(
            MetricsRegistry registry, UserVectorStore users, LiveCatalog catalog, ExposureLedger exposure) {
        registry.gaugeFrom("recsys_shoppers", "Shoppers whose vectors the service holds.", users::size);
        registry.counterFrom(
                "recsys_user_vectors_applied_total",
                "user-vectors records that replaced an older version of the shopper (or were the first).",
                users::appliedCount);
        registry.counterFrom(
                "recsys_user_vectors_ignored_total",
                "user-vectors records ignored because a newer or equal version was held.",
                users::ignoredCount);
        registry.counterFrom(
                "recsys_user_vectors_erased_total",
                "user-vectors records refused because they were written before the shopper's erasure.",
                users::erasedCount);
        registry.counterFrom(
                "recsys_erasures_total",
                "Shopper erasures applied (DELETE requests and erasures-topic records, each shopper's latest once).",
                users::erasuresApplied);

        registry.gaugeFrom("recsys_catalog_items", "Items in the live catalog generation (0 while loading).", () -> {
            try (CatalogLease lease = catalog.tryAcquire()) {
                return lease == null ? 0 : lease.index().size();
            }
        });
        registry.gaugeFrom(
                "recsys_catalog_generation",
                "Number of the live catalog generation (-1 while loading).",
                catalog::generation);

        // One report per scrape, so the exposure gauges describe the same window.
        AtomicReference<ExposureReport> report = new AtomicReference<>(exposure.report());
        registry.beforeScrape(() -> report.set(exposure.report()));
        String window = " (last " + exposure.config().window().toSeconds() + " s)";
        registry.gaugeFrom(
                "recsys_exposure_rankings", "Feed and search rankings served" + window + ".", () -> report.get()
                        .rankings());
        registry.gaugeFrom(
                "recsys_exposure_protected_share",
                "Protected items' share of position-weighted exposure (1/log2(position+1))" + window + ".",
                () -> report.get().protectedExposureShare());
        registry.gaugeFrom(
                "recsys_exposure_protected_item_share",
                "Protected items' share of items served, position ignored" + window + ".",
                () -> report.get().protectedItemShare());
        registry.gaugeFrom(
                "recsys_exposure_largest_seller_share",
                "The most exposed seller's share of position-weighted exposure" + window + ".",
                () -> report.get().largestSellerShare());

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        registry.gaugeFrom("recsys_jvm_heap_used_bytes", "JVM heap in use.", () -> memory.getHeapMemoryUsage()
                .getUsed());
        registry.gaugeFrom(
                "recsys_jvm_heap_max_bytes", "JVM heap limit (-1 when undefined).", () -> memory.getHeapMemoryUsage()
                        .getMax());
    }
}
