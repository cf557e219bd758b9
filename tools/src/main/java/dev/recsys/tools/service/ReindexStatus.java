package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reindex job as {@code GET /v1/admin/reindex/{job}} shows it (absent numbers are -1), and the two
 * ways {@code reindex} shows it: the one-line progress display while it runs, and the summary at the
 * end. Apart from the HTTP exchange ({@link ReindexJob}) so the display can be checked on its own.
 */
record ReindexStatus(
        String job,
        String state,
        String phase,
        long read,
        long indexed,
        long rejected,
        double itemsPerSecond,
        double etaSeconds,
        long total,
        List<JobError> errors,
        long generation,
        String failure,
        long cfItems,
        String embedder,
        long embedded,
        long cached) {

    static final int MAX_ERRORS_SHOWN = 10;

    /** One line of a job's errors. */
    record JobError(long line, String field, String reason) {
        @Override
        public String toString() {
            return "line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + reason;
        }
    }

    static ReindexStatus of(JsonNode node) {
        List<JobError> errors = new ArrayList<>();
        for (JsonNode error : node.path("errors")) {
            errors.add(new JobError(
                    error.path("line").asLong(-1),
                    error.hasNonNull("field") ? error.path("field").asText() : null,
                    error.path("reason").asText("")));
        }
        return new ReindexStatus(
                node.path("job").asText(""),
                node.path("state").asText("running"),
                node.path("phase").asText(""),
                node.path("read").asLong(-1),
                node.path("indexed").asLong(-1),
                node.path("rejected").asLong(-1),
                node.path("itemsPerSecond").asDouble(-1),
                node.hasNonNull("etaSeconds") ? node.path("etaSeconds").asDouble(-1) : -1,
                node.hasNonNull("total") ? node.path("total").asLong(-1) : -1,
                errors,
                node.hasNonNull("generation") ? node.path("generation").asLong(-1) : -1,
                node.hasNonNull("failure") ? node.path("failure").asText() : null,
                node.path("cfItems").asLong(0),
                node.hasNonNull("embedder") ? node.path("embedder").asText() : null,
                node.path("embedded").asLong(0),
                node.path("cached").asLong(0));
    }

    boolean running() {
        return "running".equals(state);
    }

    /**
     * Progress in [0, 1] from read or indexed against the total when the server reports one, else from
     * the elapsed share of the ETA; -1 when neither is known.
     */
    double fraction(double elapsedSeconds) {
        long done = Math.max(read, indexed);
        if (total > 0 && done >= 0) {
            return Math.min(1, (double) done / total);
        }
        if (etaSeconds >= 0 && elapsedSeconds > 0) {
            return Math.min(1, elapsedSeconds / (elapsedSeconds + etaSeconds));
        }
        return -1;
    }

    /**
     * The one-line progress display: {@code [#####-----]  42%  indexing  12,345 read  8,100 items/s  ETA
     * 0:07}; while a Transformer embeds, also how many texts it embedded and how many came from its cache.
     * {@code width} is the bar's width in characters.
     */
    String progressLine(double elapsedSeconds, int width) {
        double fraction = "succeeded".equals(state()) ? 1 : fraction(elapsedSeconds);
        StringBuilder line = new StringBuilder();
        if (fraction >= 0) {
            int filled = (int) Math.round(fraction * width);
            line.append('[')
                    .append("#".repeat(filled))
                    .append("-".repeat(width - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        } else {
            line.append('[').append(" ".repeat(width)).append("]  ?%");
        }
        line.append("  ").append(phase().isEmpty() ? state() : phase());
        if (read() >= 0) {
            line.append(String.format(Locale.ROOT, "  %,d read", read()));
        }
        if (rejected() > 0) {
            line.append(String.format(Locale.ROOT, "  %,d rejected", rejected()));
        }
        if ("embedding".equals(phase())) {
            line.append(String.format(Locale.ROOT, "  %,d embedded  %,d cached", embedded(), cached()));
        }
        if (itemsPerSecond() >= 0) {
            line.append(String.format(Locale.ROOT, "  %,.0f items/s", itemsPerSecond()));
        }
        if (running() && etaSeconds() >= 0) {
            line.append("  ETA ").append(clock(etaSeconds()));
        } else {
            line.append("  ").append(clock(elapsedSeconds));
        }
        return line.toString();
    }

    /** The final report: state, generation, counts, duration and the first errors. */
    String summary(Duration duration) {
        StringBuilder text = new StringBuilder();
        text.append("reindex ").append(job()).append(' ').append(state());
        if (generation() >= 0) {
            text.append(": generation ").append(generation());
        }
        text.append('\n')
                .append(String.format(
                        Locale.ROOT,
                        "  read %s, indexed %s, rejected %s in %s",
                        count(read()),
                        count(indexed()),
                        count(rejected()),
                        clock(duration.toMillis() / 1000.0)));
        if (embedder() != null) {
            text.append("\n  embedder ").append(embedder());
            if (embedded() + cached() > 0) {
                text.append(String.format(
                        Locale.ROOT, ": %,d texts embedded, %,d from the embedding cache", embedded(), cached()));
            }
        }
        if (cfItems() > 0) {
            text.append(String.format(Locale.ROOT, "\n  CF factors for %,d items", cfItems()));
        }
        if (failure() != null) {
            text.append("\n  failure: ").append(failure());
        }
        if (!errors().isEmpty()) {
            text.append("\n  first errors:");
            errors().stream().limit(MAX_ERRORS_SHOWN).forEach(error -> text.append("\n    ")
                    .append(error));
            long more = Math.max(rejected(), errors().size()) - Math.min(MAX_ERRORS_SHOWN, errors().size());
            if (more > 0) {
                text.append(String.format(Locale.ROOT, "\n    ... and %,d more", more));
            }
        }
        return text.toString();
    }

    private static String count(long value) {
        return value < 0 ? "?" : String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
