package dev.recsys.tools.service;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An HTTP load generator for {@code GET /v1/feed} and {@code GET /v1/search} of one index service: a mix of
 * requests from shoppers {@code shopper-1 … shopper-N} (and about one in ten from unknown visitors), search
 * words from a built-in list or a file, sent by {@code concurrency} platform threads, each over its own
 * keep-alive connection ({@link KeepAliveClient}). Platform threads because the tool shares the cores
 * with what it measures: a platform thread waits for its answer in one blocking read, while a virtual
 * thread re-arms the poller and parks at every read, which doubled the tool's CPU at 1,000 requests/s.
 * Reports per endpoint the requests, throughput, latency percentiles (an HdrHistogram, {@link
 * LatencyHistogram}), non-200 answers and empty answers (an {@code items} array with nothing in it).
 *
 * <p>Closed loop by default (each worker sends its next request when the last one answered). With {@code
 * --rate R} it is an open loop: request {@code i} is due at {@code start + i / R} and its latency is counted
 * from that due time, so a slow server is not hidden by workers that wait (no coordinated omission);
 * {@code concurrency} then bounds the requests in flight.
 *
 * <p>The first {@code --warmup} (default 5 s) sends the same load but records nothing, as wrk2's calibration
 * period does: a fresh JVM runs its first requests interpreted and loads classes on the request path, and
 * at 1,000 requests/s that start-up alone was about 1% of a 30 s run at 100-300 ms.
 *
 * <p>Usage: {@code ./recsys load [--server http://127.0.0.1:8080] [--warmup 5s] [--duration 30s] [--concurrency 8] [--rate
 * 0] [--mix feed=0.7,search=0.3] [--users 1000] [--queries FILE] [--requests N] [--seed 1]
 * [--token T] [--fail-on-error]}. {@code --token} (default: the environment variable {@value #TOKEN_ENV}) is
 * sent as {@code Authorization: Bearer} with every request, for a service started with {@code --api-token}.
 * Bounded: at most {@value #MAX_SECONDS} s, {@value #MAX_CONCURRENCY} workers and
 * {@code --requests} requests; the URL is the one given (default loopback), never discovered.
 *
 * <p>This class is the command and its report; the flags are {@link LoadFlags}, the request loop is
 * {@link LoadWorkers}.
 */
public final class LoadTool {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new LoadFlags(Map.of(), options -> 0));
    }

    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** Where {@code --token} comes from when it is not given: the service's API token. */
    public static final String TOKEN_ENV = "RECSYS_API_TOKEN";

    /** Long enough for the tool's and the service's code paths to be compiled before anything counts. */
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);

    static final int MAX_SECONDS = 3600;
    static final int MAX_CONCURRENCY = 1024;

    enum Endpoint {
        FEED("/v1/feed"),
        SEARCH("/v1/search");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }
    }

    record Options(
            URI url,
            Duration warmup,
            Duration duration,
            int concurrency,
            double rate,
            double feedShare,
            int users,
            String feedParams,
            List<String> queries,
            long maxRequests,
            long seed,
            boolean failOnError,
            Path stopFile,
            String token) {}

    /** What one endpoint saw. */
    static final class Stats {
        final LatencyHistogram latency = new LatencyHistogram();
        final AtomicLong non200 = new AtomicLong();
        final AtomicLong empty = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();

        long answered(int status) {
            AtomicLong count = statuses.get(status);
            return count == null ? 0 : count.get();
        }
    }

    /** The run's outcome per endpoint and its wall time. */
    record Report(Map<Endpoint, Stats> stats, Duration elapsed) {
        long requests() {
            return stats.values().stream().mapToLong(s -> s.latency.count()).sum();
        }

        long errors() {
            return stats.values().stream()
                    .mapToLong(s -> s.non200.get() + s.failed.get())
                    .sum();
        }

        /** Answers 401 or 403: the service wants a token, or another one. */
        long refused() {
            return stats.values().stream()
                    .mapToLong(s -> s.answered(401) + s.answered(403))
                    .sum();
        }

        String render() {
            StringBuilder text = new StringBuilder();
            double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
            text.append(String.format(
                    Locale.ROOT, "%d requests in %.1f s (%.1f req/s)%n", requests(), seconds, requests() / seconds));
            text.append(String.format(
                    Locale.ROOT,
                    "%-8s %9s %9s %9s %9s %9s %9s %8s %8s %8s%n",
                    "endpoint",
                    "requests",
                    "req/s",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "max ms",
                    "non-200",
                    "failed",
                    "empty"));
            stats.forEach((endpoint, s) -> text.append(String.format(
                    Locale.ROOT,
                    "%-8s %9d %9.1f %9.2f %9.2f %9.2f %9.2f %8d %8d %8d%n",
                    endpoint.name().toLowerCase(Locale.ROOT),
                    s.latency.count(),
                    s.latency.count() / seconds,
                    s.latency.percentile(50) / 1000.0,
                    s.latency.percentile(90) / 1000.0,
                    s.latency.percentile(99) / 1000.0,
                    s.latency.max() / 1000.0,
                    s.non200.get(),
                    s.failed.get(),
                    s.empty.get())));
            stats.forEach((endpoint, s) -> s.statuses.forEach((status, n) -> text.append(String.format(
                    Locale.ROOT,
                    "  %s answered %d: %d times%n",
                    endpoint.name().toLowerCase(Locale.ROOT),
                    status,
                    n.get()))));
            return text.toString().stripTrailing();
        }
    }

    private final Options options;

    LoadTool(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            return Cli.run(new LoadFlags(env, options -> run(options, out, err)), args, Map.of(), out, err);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        err.println(String.format(
                Locale.ROOT,
                "load: %s for %d s after a %d ms warm-up, %d workers, %s, feed share %.2f",
                options.url(),
                options.duration().toSeconds(),
                options.warmup().toMillis(),
                options.concurrency(),
                options.rate() > 0 ? options.rate() + " req/s" : "closed loop",
                options.feedShare()));
        Report report;
        try {
            report = new LoadTool(options).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("load: interrupted");
            return 1;
        }
        out.println(report.render());
        if (report.refused() > 0) {
            err.println("load: " + report.refused() + " requests refused (401/403): "
                    + (options.token() == null
                            ? "the service wants its API token: pass --token or set " + TOKEN_ENV
                            : "check --token (or " + TOKEN_ENV + ") against the service's --api-token"));
        }
        if (report.requests() == 0) {
            err.println("load: no request completed; is the service at " + options.url() + " running?");
            return 1;
        }
        return options.failOnError() && report.errors() > 0 ? 1 : 0;
    }

    /** Sends the load and waits for the workers ({@link LoadWorkers}); returns what they saw. */
    Report run() throws InterruptedException {
        return new LoadWorkers(options).run();
    }

    static Options parse(String[] args) {
        return parse(args, Map.of());
    }

    /** Parses and checks the flags; a bad one is a {@link UsageException} naming it. */
    static Options parse(String[] args, Map<String, String> env) {
        return Cli.parse(new LoadFlags(env, options -> 0), args, Map.of()).options();
    }

    /** The feed share of a {@code feed=0.7,search=0.3} mix; weights are normalised and need not sum to 1. */
    static double mix(String text) {
        double feed = 0;
        double search = 0;
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=", 2);
            double weight;
            try {
                weight = pair.length == 2 ? Double.parseDouble(pair[1].strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new UsageException("--mix must look like feed=0.7,search=0.3, got '" + text + "'");
            }
            switch (pair[0].strip()) {
                case "feed" -> feed = weight;
                case "search" -> search = weight;
                default ->
                    throw new UsageException(
                            "--mix knows the endpoints feed and search, got '" + pair[0].strip() + "'");
            }
        }
        if (feed + search <= 0) {
            throw new UsageException("--mix needs a positive weight, got '" + text + "'");
        }
        return feed / (feed + search);
    }
}
