package dev.recsys.index.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongConsumer;

/**
 * {@code recsys_event_to_profile_seconds}: from a shopper's event (its own {@code ts}) to the profile built
 * on it arriving in this service, for every {@code user-vectors} record applied once the consumer has caught
 * up (the history read at start would say nothing about now). A client whose clock or {@code ts} is off
 * moves it; for live traffic it is the stream path's freshness as a shopper feels it.
 */
public final class ProfileFreshness implements LongConsumer {
    static final String NAME = "recsys_event_to_profile_seconds";

    private final Histogram seconds;

    public ProfileFreshness(PrometheusRegistry registry) {
        seconds = Histogram.builder()
                .name(NAME)
                .help("From a shopper's event (its ts) to the profile built on it applied in this service.")
                .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
    }

    /** One profile applied {@code millis} after its event; a negative lag (a client clock ahead) counts as 0. */
    @Override
    public void accept(long millis) {
        seconds.observe(Math.max(0, millis) / 1000.0);
    }
}
