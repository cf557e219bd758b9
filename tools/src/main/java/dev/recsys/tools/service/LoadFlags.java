package dev.recsys.tools.service;

import dev.recsys.cli.CommandLineOnly;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flags of {@code ./recsys load} and their checks, turned into {@link LoadTool.Options}; kept apart from
 * the run so the command line can be read (and parsed in tests) on its own.
 */
@Command(
        name = "recsys load",
        description = "HTTP load on /v1/feed and /v1/search of a running index service; prints throughput and"
                + " latency percentiles per endpoint.")
final class LoadFlags implements Callable<Integer> {
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

    @Option(
            names = {"--server", "--url"},
            paramLabel = "URL",
            defaultValue = LoadTool.DEFAULT_URL,
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
            description =
                    "requests per second, an open loop counted from each request's due time; 0 for a" + " closed loop")
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
            names = "--feed-params",
            paramLabel = "QUERY",
            defaultValue = "",
            description = "added to every feed request's query, e.g. w.seq=0 (the sequence model left out)")
    private String feedParams;

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
            description = "sent as Authorization: Bearer, for a service with --api-token (default: $"
                    + LoadTool.TOKEN_ENV + ")")
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
    private final ToIntFunction<LoadTool.Options> action;

    LoadFlags(Map<String, String> env, ToIntFunction<LoadTool.Options> action) {
        this.env = env;
        this.action = action;
    }

    @Override
    public Integer call() {
        return action.applyAsInt(options());
    }

    LoadTool.Options options() {
        URI url = ReindexCli.httpUrl("--server", server);
        if (warmup.isNegative() || warmup.toSeconds() > LoadTool.MAX_SECONDS) {
            throw new UsageException("--warmup must be between 0 and " + LoadTool.MAX_SECONDS + " s, got " + warmup);
        }
        if (duration.isNegative() || duration.isZero() || duration.toSeconds() > LoadTool.MAX_SECONDS) {
            throw new UsageException(
                    "--duration must be above 0 and at most " + LoadTool.MAX_SECONDS + " s, got " + duration);
        }
        return new LoadTool.Options(
                url,
                warmup,
                duration,
                (int) Ranges.between("--concurrency", concurrency, 1, LoadTool.MAX_CONCURRENCY),
                Ranges.between("--rate", rate, 0, 100_000),
                LoadTool.mix(mix),
                (int) Ranges.between("--users", users, 1, 10_000_000),
                feedParams(feedParams),
                queries == null ? QUERIES : queries(queries),
                Ranges.between("--requests", requests, 0, 1_000_000_000L),
                seed,
                failOnError,
                stopFile,
                BearerToken.resolve(token, env, LoadTool.TOKEN_ENV));
    }

    /** {@code --feed-params}: {@code name=value} pairs joined by {@code &}, already URL-encoded. */
    static String feedParams(String text) {
        if (!text.isEmpty()
                && !text.matches("[A-Za-z0-9._~-]+=[A-Za-z0-9._~%-]*(&[A-Za-z0-9._~-]+=[A-Za-z0-9._~%-]*)*")) {
            throw new UsageException(
                    "--feed-params must be name=value pairs joined by &, URL-encoded, got '" + text + "'");
        }
        return text;
    }

    /** The search words of a {@code --queries} file: one per line, blank lines and {@code #} comments skipped. */
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
}
