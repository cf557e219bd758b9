package dev.recsys.index.metrics;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A counter or gauge without labels whose value is read at each scrape from where it is kept anyway
 * (a store's size, a count a component already keeps), so nothing has to be updated twice.
 */
public final class SampledMetric extends Metric {
    private final String type;
    private final DoubleSupplier value;

    SampledMetric(String name, String help, String type, DoubleSupplier value) {
        super(name, help);
        this.type = type;
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    String type() {
        return type;
    }

    @Override
    void writeSamples(StringBuilder out) {
        TextFormat.sample(out, name, List.of(), List.of(), null, null, value.getAsDouble());
    }
}
