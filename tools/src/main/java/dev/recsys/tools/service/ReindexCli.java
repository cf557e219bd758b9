package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Starts a catalog reindex on a running index service and follows it to the end: {@code POST
 * /v1/admin/reindex}, then {@code GET /v1/admin/reindex/{job}} every {@value #POLL_MILLIS} ms, drawing a
 * one-line progress bar on stderr (plain lines when stderr is not a terminal or {@code CI} is set), and a
 * summary on stdout.
 *
 * <p>Usage: {@code ./recsys reindex --source FILE [--format jsonl|instacart|movielens|generated|live] [--count N]
 * [--seed N] [--server http://127.0.0.1:8080] [--token T] [--max-error-ratio R] [--max-items-per-second N]}
 * ({@code --help} lists them). The format defaults to
 * what the path looks like ({@code products.csv} or a folder holding it: instacart; {@code movies.csv}:
 * movielens; else jsonl). The token defaults to the environment variable {@value #TOKEN_ENV}. The path is
 * sent as an absolute path: the service reads the file itself, so it must see the same file system, and
 * reads files only under its {@code --data} folder and its {@code --catalog-dir} folders ({@value
 * #WHERE_SOURCES_GO}).
 *
 * <p>Exit status: 0 when the job succeeded, 1 when it failed or the server refused, 2 for bad flags.
 *
 * <p>This class is the command line; {@link ReindexJob} starts and follows the job, {@link ReindexStatus}
 * draws its progress and summary.
 */
@Command(
        name = "recsys reindex",
        description = "Rebuilds the catalog of a running index service with no downtime and follows the job with a"
                + " progress bar. The service reads the source itself, under its --data or a --catalog-dir folder.")
public final class ReindexCli implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new ReindexCli(Map.of(), System.out, System.err, false));
    }

    public static final String TOKEN_ENV = "RECSYS_ADMIN_TOKEN";
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    static final long POLL_MILLIS = 500;
    /** Where a source must be for the service to read it; said in the usage and after a refusal. */
    public static final String WHERE_SOURCES_GO = "the service reads a source itself and only under its --data"
            + " folder or a --catalog-dir folder: copy the catalog there (or start the service with --catalog-dir"
            + " naming the catalog's folder)";

    /** Rebuilds the catalog the service serves now (keeping its CF factors); takes no source. */
    static final String LIVE = "live";

    private static final List<String> ALL_FORMATS = List.of(
            CatalogSources.JSONL, CatalogSources.INSTACART, CatalogSources.MOVIELENS, CatalogSources.GENERATED, LIVE);

    /** What the flags asked for. {@code source} is absolute, or null for a generated catalog. */
    record Options(
            Path source,
            String format,
            Long count,
            Long seed,
            URI server,
            String token,
            Double maxErrorRatio,
            Double maxItemsPerSecond,
            String embedder) {

        /** The body of {@code POST /v1/admin/reindex}. */
        ObjectNode requestBody() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (source != null) {
                body.put("source", source.toString());
            }
            body.put("format", format);
            if (count != null) {
                body.put("count", count);
            }
            if (seed != null) {
                body.put("seed", seed);
            }
            if (maxErrorRatio != null) {
                body.put("maxErrorRatio", maxErrorRatio);
            }
            if (maxItemsPerSecond != null) {
                body.put("maxItemsPerSecond", maxItemsPerSecond);
            }
            if (embedder != null) {
                body.put("embedder", embedder);
            }
            return body;
        }
    }

    @Option(
            names = "--source",
            paramLabel = "FILE",
            description = "the catalog file or folder, read by the service itself under its --data or a --catalog-dir"
                    + " folder (not with --format generated or live)")
    private Path sourceFlag;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "jsonl, instacart, movielens, generated or live (the catalog served now); default: what the"
                    + " source looks like")
    private String formatFlag;

    @Option(
            names = "--count",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "items of a generated catalog (--format generated only)")
    private Long countFlag;

    @Option(
            names = "--seed",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "seed of a generated catalog (--format generated only; default 42)")
    private Long seedFlag;

    @Option(
            names = {"--server", "--url"},
            paramLabel = "URL",
            defaultValue = DEFAULT_SERVER,
            description = "the index service")
    private String serverFlag;

    @Option(
            names = "--token",
            paramLabel = "T",
            description = "the service's admin token (default: $" + TOKEN_ENV + ")")
    private String tokenFlag;

    @Option(
            names = "--max-error-ratio",
            paramLabel = "R",
            converter = Converters.FiniteNumber.class,
            description = "rejected records / all above which the job fails (the service's default: 0.01)")
    private Double maxErrorRatioFlag;

    @Option(
            names = "--max-items-per-second",
            paramLabel = "N",
            converter = Converters.FiniteNumber.class,
            description =
                    "throttle of the indexing pass, to keep query latency down on a small machine (default: none)")
    private Double maxItemsPerSecondFlag;

    @Option(names = "--embedder", paramLabel = "NAME", description = EmbedderFlag.DESCRIPTION)
    private String embedderFlag;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    private ReindexCli(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        System.exit(run(args, env, System.out, System.err, fancyTerminal(env)));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        try {
            return Cli.run(new ReindexCli(env, out, err, terminal), args, Map.of(), out, err);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Integer call() {
        Options options = options();
        try {
            return follow(options, out, err, terminal, Duration.ofMillis(POLL_MILLIS));
        } catch (IOException e) {
            err.println("reindex: cannot reach " + options.server() + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("reindex: interrupted; the job keeps running on the server");
            return 1;
        }
    }

    /** Parses and checks the flags; a bad one is a {@link UsageException} naming it. */
    static Options parse(String[] args, Map<String, String> env) {
        return Cli.parse(new ReindexCli(env, System.out, System.err, false), args, Map.of())
                .options();
    }

    private Options options() {
        String format = formatFlag;
        if (format != null && !ALL_FORMATS.contains(format)) {
            throw new UsageException(
                    "--format must be one of " + String.join(", ", ALL_FORMATS) + ", got '" + format + "'");
        }
        Path source = sourceFlag == null ? null : sourceFlag.toAbsolutePath().normalize();
        boolean generated = CatalogSources.GENERATED.equals(format);
        if (LIVE.equals(format)) {
            if (source != null || countFlag != null || seedFlag != null) {
                throw new UsageException(
                        "--format live rebuilds the catalog the service serves: no --source, --count or --seed");
            }
        } else if (!generated) {
            if (source == null) {
                throw new UsageException("--source is required (or --format generated --count N)");
            }
            if (!Files.exists(source)) {
                throw new UsageException("--source " + source + " does not exist");
            }
            if (format == null) {
                format = guessFormat(source);
            }
            if (countFlag != null || seedFlag != null) {
                throw new UsageException("--count and --seed apply to --format generated only");
            }
        } else if (source != null) {
            throw new UsageException("--source does not apply to --format generated");
        } else if (countFlag == null) {
            throw new UsageException("--count is required with --format generated");
        }
        Long count = generated ? Ranges.between("--count", countFlag, 1, 1_000_000_000L) : null;
        Long seed = generated ? (seedFlag == null ? 42L : seedFlag) : null;
        Double ratio = maxErrorRatioFlag == null ? null : Ranges.between("--max-error-ratio", maxErrorRatioFlag, 0, 1);
        Double rate = maxItemsPerSecondFlag == null
                ? null
                : Ranges.between("--max-items-per-second", maxItemsPerSecondFlag, 0, 10_000_000);
        URI server = httpUrl("--server", serverFlag);
        String token = BearerToken.resolve(tokenFlag, env, TOKEN_ENV);
        return new Options(source, format, count, seed, server, token, ratio, rate, EmbedderFlag.check(embedderFlag));
    }

    /** {@code text} as an http(s) URL without a trailing slash; the message names {@code flag}. */
    public static URI httpUrl(String flag, String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException(flag + " must be an http(s) URL such as " + DEFAULT_SERVER + ", got '" + text + "'");
    }

    /** instacart for products.csv or a folder holding it, movielens for movies.csv or its folder, else jsonl. */
    public static String guessFormat(Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        if (name.equals("products.csv") || Files.isRegularFile(source.resolve("products.csv"))) {
            return CatalogSources.INSTACART;
        }
        if (name.equals("movies.csv") || Files.isRegularFile(source.resolve("movies.csv"))) {
            return CatalogSources.MOVIELENS;
        }
        return CatalogSources.JSONL;
    }

    static int follow(Options options, PrintStream out, PrintStream err, boolean terminal, Duration pollInterval)
            throws IOException, InterruptedException {
        String what = options.format()
                + (options.source() != null
                        ? " " + options.source()
                        : options.count() != null ? " " + options.count() + " items" : "");
        return ReindexJob.startAndFollow(
                options.server(),
                options.token(),
                "application/json",
                HttpRequest.BodyPublishers.ofString(Json.write(options.requestBody())),
                what,
                out,
                err,
                terminal,
                pollInterval);
    }

    /** Whether stderr is an interactive terminal (and not a CI log) that can redraw a line. */
    public static boolean fancyTerminal(Map<String, String> env) {
        if (env.get("CI") != null) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; on 21 a non-null console is a terminal.
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
