package dev.recsys.infra.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the stream job serves its metrics to Prometheus, as its log says: the job takes the first free
 * port of a range, so only the job knows which. The line is the one its reporter ({@code
 * dev.recsys.ingest.metrics.LoopbackPrometheusReporter}) writes once it listens.
 */
final class JobMetricsUrl {
    private static final Pattern LINE =
            Pattern.compile("the stream job's metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");

    private JobMetricsUrl() {}

    /** The URL of the latest start in {@code log}, empty when none is logged (yet). */
    static Optional<String> in(Path log) {
        String text;
        try {
            text = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        String url = null;
        for (Matcher line = LINE.matcher(text); line.find(); ) {
            url = line.group(1); // the log is kept across restarts: the last one is the running job's
        }
        return Optional.ofNullable(url);
    }
}
