package dev.recsys.index.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A scrape of the registry in the format the scraper's {@code Accept} header asks for, as the Prometheus
 * client writes it: OpenMetrics, Prometheus' protobuf format, and otherwise the classic text format
 * ({@code text/plain; version=0.0.4}).
 */
public final class MetricsExposition {
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsExposition(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** One scrape: the answer's content type and body. */
    public record Scrape(String contentType, byte[] body) {}

    /** @param accept the request's {@code Accept} header, or {@code null} */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scrape to memory", e); // not thrown by a byte array
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }
}
