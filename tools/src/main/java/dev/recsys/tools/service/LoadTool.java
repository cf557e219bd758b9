package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.cli.Cli;
import dev.recsys.cli.CommandLineOnly;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

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
 */
public final class LoadTool {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new Flags(Map.of(), options -> 0));
    }

    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** Where {@code --token} comes from when it is not given: the service's API token. */
    public static final String TOKEN_ENV = "RECSYS_API_TOKEN";

    /** Long enough for the tool's and the service's code paths to be compiled before anything counts. */
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);

    private static final int REQUEST_TIMEOUT_MILLIS = 30_000;
    static final int MAX_SECONDS = 3600;
    static final int MAX_CONCURRENCY = 1024;
    static final double UNKNOWN_USER_SHARE = 0.1;

    /** Search words when no {@code --queries} file is given: common shop words across the demo catalogs. */
    static final List<String> QUERIES = List.of(
            "headphones",
            "wireless headphones",
            "coffee",
            "organic coffee",
            "tea",
            "yoga mat",
            "tent",
            "running",
            "kitchen knife",
            "chef knife",
            "frying pan",
            "backpack",
            "shampoo",
            "moisturiser",
            "perfume",
            "thriller",
            "fantasy novel",
            "cookbook",
            "board game",
            "teddy bear",
            "chocolate",
            "dark chocolate",
            "bike helmet",
            "speaker",
            "bluetooth speaker",
            "camping stove",
            "gift",
            "organic",
            "vegan",
            "cookies",
            "milk",
            "banana",
            "comedy",
            "drama",
            "action movie",
            "pixar");

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
            return Cli.run(new Flags(env, options -> run(options, out, err)), args, Map.of(), out, err);
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

    static Options parse(String[] args) {
        return parse(args, Map.of());
    }

    /** Parses and checks the flags; a bad one is a {@link UsageException} naming it. */
    static Options parse(String[] args, Map<String, String> env) {
        return Cli.parse(new Flags(env, options -> 0), args, Map.of()).options();
    }

    /** The flags of {@code ./recsys load}. */
    @Command(
            name = "recsys load",
            description = "HTTP load on /v1/feed and /v1/search of a running index service; prints throughput and"
                    + " latency percentiles per endpoint.")
    static final class Flags implements Callable<Integer> {
        @Option(
                names = {"--server", "--url"},
                paramLabel = "URL",
                defaultValue = DEFAULT_URL,
                description = "the index service")
        private String server;

        @Option(
                names = "--warmup",
                paramLabel = "DURATION",
                defaultValue = "5s",
                converter = Converters.ShortDuration.class,
                description = "load sent first and not recorded, so the figures are not the JIT's; 0 for none")
        private Duration warmup;

        @Option(
                names = "--duration",
                paramLabel = "DURATION",
                defaultValue = "30s",
                converter = Converters.ShortDuration.class,
                description = "how long to record, e.g. 30s, 2m")
        private Duration duration;

        @Option(
                names = "--concurrency",
                paramLabel = "N",
                defaultValue = "8",
                description = "workers, each with one keep-alive connection; with --rate, the requests in flight")
        private int concurrency;

        @Option(
                names = "--rate",
                paramLabel = "N",
                defaultValue = "0",
                converter = Converters.FiniteNumber.class,
                description = "requests per second, an open loop counted from each request's due time; 0 for a"
                        + " closed loop")
        private double rate;

        @Option(
                names = "--mix",
                paramLabel = "feed=W,search=W",
                defaultValue = "feed=0.7,search=0.3",
                description = "the share of each endpoint")
        private String mix;

        @Option(
                names = "--users",
                paramLabel = "N",
                defaultValue = "1000",
                description = "shoppers shopper-1 … shopper-N, plus about one request in ten from unknown visitors")
        private int users;

        @Option(
                names = "--queries",
                paramLabel = "FILE",
                description = "search words, one per line (default: a built-in list)")
        private Path queries;

        @Option(
                names = "--requests",
                paramLabel = "N",
                defaultValue = "0",
                converter = Converters.WholeNumber.class,
                description = "stop after this many requests; 0 for no limit")
        private long requests;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "1",
                converter = Converters.WholeNumber.class,
                description = "seed of the shoppers and words drawn")
        private long seed;

        @Option(
                names = "--token",
                paramLabel = "T",
                description =
                        "sent as Authorization: Bearer, for a service with --api-token (default: $" + TOKEN_ENV + ")")
        private String token;

        @Option(names = "--fail-on-error", description = "exit with 1 when any request failed or was not answered 200")
        private boolean failOnError;

        @CommandLineOnly
        @Option(
                names = "--stop-file",
                paramLabel = "FILE",
                description = "end the run early once this file exists (for scripts measuring something else)")
        private Path stopFile;

        private final Map<String, String> env;
        private final ToIntFunction<Options> action;

        Flags(Map<String, String> env, ToIntFunction<Options> action) {
            this.env = env;
            this.action = action;
        }

        @Override
        public Integer call() {
            return action.applyAsInt(options());
        }

        Options options() {
            URI url = ReindexCli.httpUrl("--server", server);
            if (warmup.isNegative() || warmup.toSeconds() > MAX_SECONDS) {
                throw new UsageException("--warmup must be between 0 and " + MAX_SECONDS + " s, got " + warmup);
            }
            if (duration.isNegative() || duration.isZero() || duration.toSeconds() > MAX_SECONDS) {
                throw new UsageException(
                        "--duration must be above 0 and at most " + MAX_SECONDS + " s, got " + duration);
            }
            return new Options(
                    url,
                    warmup,
                    duration,
                    (int) Ranges.between("--concurrency", concurrency, 1, MAX_CONCURRENCY),
                    Ranges.between("--rate", rate, 0, 100_000),
                    mix(mix),
                    (int) Ranges.between("--users", users, 1, 10_000_000),
                    queries == null ? QUERIES : queries(queries),
                    Ranges.between("--requests", requests, 0, 1_000_000_000L),
                    seed,
                    failOnError,
                    stopFile,
                    BearerToken.resolve(token, env, TOKEN_ENV));
        }
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

    static List<String> queries(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            if (lines.isEmpty()) {
                throw new UsageException("--queries " + file + " has no queries (one per line)");
            }
            return lines;
        } catch (IOException e) {
            throw new UsageException("--queries " + file + " cannot be read: " + e.getMessage());
        }
    }

    Report run() throws InterruptedException {
        Map<Endpoint, Stats> stats = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            stats.put(endpoint, new Stats());
        }
        // Loaded before the clock starts: the first answers' JSON parse would otherwise initialise the
        // parser's classes (a few hundred ms) while every other worker waits for them.
        isEmpty("{\"items\":[]}");
        Schedule schedule = new Schedule(System.nanoTime(), options.warmup(), options.duration());
        ThreadFactory factory = Thread.ofPlatform().name("load-worker-", 0).factory();
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(factory)) {
            if (options.stopFile() != null) {
                // Lets a script end the run when the thing it measures (e.g. a reindex) is over.
                Thread.ofVirtual().name("load-stop-file").start(() -> {
                    while (System.nanoTime() < schedule.deadline.get()) {
                        if (Files.exists(options.stopFile())) {
                            schedule.deadline.set(System.nanoTime());
                            return;
                        }
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            for (int w = 0; w < options.concurrency(); w++) {
                Random random = new Random(options.seed() * 1_000_003L + w);
                workers.submit(() -> work(random, stats, schedule));
            }
            workers.shutdown();
            long seconds = options.warmup().toSeconds() + options.duration().toSeconds() + 60;
            if (!workers.awaitTermination(seconds, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        }
        long measured = Math.max(0, System.nanoTime() - schedule.measureFrom);
        return new Report(stats, Duration.ofNanos(measured));
    }

    /**
     * When requests are due and which count: the warm-up's requests go out like the others (the
     * service, the connections and the tool's own code get warm) but are not recorded.
     */
    static final class Schedule {
        final long start;
        final long measureFrom;
        final AtomicLong deadline;
        final AtomicLong issued = new AtomicLong();
        final AtomicLong measured = new AtomicLong();
        /** Where the warm-up's answers are counted, and then ignored. */
        final Stats warmup = new Stats();

        Schedule(long start, Duration warmup, Duration duration) {
            this.start = start;
            this.measureFrom = start + warmup.toNanos();
            this.deadline = new AtomicLong(measureFrom + duration.toNanos());
        }
    }

    private Void work(Random random, Map<Endpoint, Stats> stats, Schedule schedule) throws InterruptedException {
        try (KeepAliveClient http = new KeepAliveClient(options.url(), REQUEST_TIMEOUT_MILLIS, options.token())) {
            return work(http, random, stats, schedule);
        }
    }

    private Void work(KeepAliveClient http, Random random, Map<Endpoint, Stats> stats, Schedule schedule)
            throws InterruptedException {
        while (true) {
            long due = System.nanoTime();
            if (options.rate() > 0) {
                due = schedule.start + (long) (schedule.issued.getAndIncrement() * 1e9 / options.rate());
                if (due >= schedule.deadline.get()) {
                    return null;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } else if (due >= schedule.deadline.get()) {
                return null;
            }
            boolean recorded = due >= schedule.measureFrom;
            if (recorded && options.maxRequests() > 0 && schedule.measured.getAndIncrement() >= options.maxRequests()) {
                return null;
            }
            Endpoint endpoint = random.nextDouble() < options.feedShare() ? Endpoint.FEED : Endpoint.SEARCH;
            String pathAndQuery = options.url().getRawPath() + endpoint.path + "?" + query(endpoint, random);
            Stats s = recorded ? stats.get(endpoint) : schedule.warmup;
            try {
                KeepAliveClient.Response response = http.get(pathAndQuery);
                s.latency.record((System.nanoTime() - due) / 1_000);
                if (response.status() != 200) {
                    s.non200.incrementAndGet();
                    s.statuses
                            .computeIfAbsent(response.status(), k -> new AtomicLong())
                            .incrementAndGet();
                } else if (isEmpty(response.body())) {
                    s.empty.incrementAndGet();
                }
            } catch (IOException e) {
                s.failed.incrementAndGet();
                if (System.nanoTime() < schedule.deadline.get()) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
        }
    }

    /** The query string of one request: a shopper (or an unknown visitor), k, and for search the words. */
    String query(Endpoint endpoint, Random random) {
        String user = random.nextDouble() < UNKNOWN_USER_SHARE
                ? "visitor-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                : "shopper-" + (1 + random.nextInt(options.users()));
        StringBuilder query = new StringBuilder("user=").append(encode(user)).append("&k=10");
        if (endpoint == Endpoint.SEARCH) {
            String words =
                    options.queries().get(random.nextInt(options.queries().size()));
            query.append("&q=").append(encode(words));
        }
        return query.toString();
    }

    /** Whether a 200 answer's {@code items} array is empty (or missing). */
    static boolean isEmpty(String body) {
        try {
            JsonNode items = Json.MAPPER.readTree(body).path("items");
            return !items.isArray() || items.isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
