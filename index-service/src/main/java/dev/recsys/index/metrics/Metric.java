package dev.recsys.index.metrics;

/** A metric family as it appears in a scrape: a name, its help text and type, and its samples. */
public abstract sealed class Metric permits LabelledMetric, SampledMetric {
    final String name;
    final String help;

    Metric(String name, String help) {
        this.name = TextFormat.checkMetricName(name);
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs a help text");
        }
        this.help = help;
    }

    public String name() {
        return name;
    }

    /** {@code counter}, {@code gauge} or {@code histogram}. */
    abstract String type();

    /** Appends the samples, after the {@code # HELP} and {@code # TYPE} lines. */
    abstract void writeSamples(StringBuilder out);

    final void write(StringBuilder out) {
        TextFormat.header(out, name, help, type());
        writeSamples(out);
    }
}
