package dev.recsys.index.metrics;

import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.fairness.ExposureLedger;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.DoubleSupplier;

/**
 * Everything the index service shows on {@code /metrics} besides its requests ({@link
 * dev.recsys.index.http.RequestMetrics}): the Prometheus client's JVM and process metrics, {@code
 * recsys_build_info}, and the service's state, read at scrape time from the components that keep it
 * (shoppers, user-vector records and erasures, the live catalog, exposure over the ledger's window), so
 * nothing is counted twice.
 */
public final class ServiceMetrics {
    private ServiceMetrics() {}

    public static void register(
            PrometheusRegistry registry, UserVectorStore users, LiveCatalog catalog, ExposureLedger exposure) {
        JvmMetrics.builder().register(registry);
        BuildInfo.register(registry);

        gauge(registry, "recsys_shoppers", "Shoppers whose vectors the service holds.", users::size);
        counter(
                registry,
                "recsys_user_vectors_applied_total",
                "user-vectors records that replaced an older version of the shopper (or were the first).",
                users::appliedCount);
        counter(
                registry,
                "recsys_user_vectors_ignored_total",
                "user-vectors records ignored because a newer or equal version was held.",
                users::ignoredCount);
        counter(
                registry,
                "recsys_user_vectors_erased_total",
                "user-vectors records refused because they were written before the shopper's erasure.",
                users::erasedCount);
        counter(
                registry,
                "recsys_erasures_total",
                "Shopper erasures applied (DELETE requests and erasures-topic records, each shopper's latest once).",
                users::erasuresApplied);

        gauge(registry, "recsys_catalog_items", "Items in the live catalog generation (0 while loading).", () -> {
            try (CatalogLease lease = catalog.tryAcquire()) {
                return lease == null ? 0 : lease.index().size();
            }
        });
        gauge(
                registry,
                "recsys_catalog_generation",
                "Number of the live catalog generation (-1 while loading).",
                catalog::generation);

        registry.register(new ExposureCollector(exposure));
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    /** {@code value} must never go down. */
    private static void counter(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }
}
