package dev.recsys.index;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.feed.ProtectedGroup;
import dev.recsys.ranker.fairness.ExposureConfig;
import dev.recsys.ranker.fairness.FairnessConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's settings, checked: each from its flag, {@code RECSYS_} variable, {@code --config} file
 * or default ({@link ServiceCommand}, docs/CONFIGURATION.md). A bad value is rejected with a message
 * naming the flag.
 *
 * @param kafka {@code --bootstrap-servers}, {@code --kafka-property}, {@code --kafka-config}: how every
 *     producer and consumer of the service reaches Kafka
 * @param httpPort {@code --http-port}: HTTP port, 0 picks a free one; default {@value #DEFAULT_HTTP_PORT}
 * @param catalog {@code --catalog}: a catalog file (JSON Lines), or {@code null} with {@code --demo}
 * @param dataDir {@code --data}: where index generations live, default {@value #DEFAULT_DATA_DIR}
 * @param demo {@code --demo}: generate a sample catalog (unless {@code --catalog} is given) and run
 *     the shopper simulator
 * @param simulatedShoppers {@code --simulated-shoppers}: shoppers the demo simulates, default
 *     {@value #DEFAULT_SIMULATED_SHOPPERS}
 * @param simulatorRate {@code --simulator-rate}: events per second the demo produces, default
 *     {@value #DEFAULT_SIMULATOR_RATE}
 * @param adminToken {@code --admin-token} ({@value #ADMIN_TOKEN_ENV}): the bearer token of the admin
 *     endpoints; {@code null} makes the service generate one and log it once
 * @param protectedGroup {@code --protected-group}: the items the fairness pass protects, {@code
 *     tier:small[,…]}, {@code new:P30D} or {@code long-tail:1000} (see {@link
 *     dev.recsys.index.feed.ProtectedGroup}); default {@value #DEFAULT_PROTECTED_GROUP}
 * @param bindAddress {@code --bind-address}: the address HTTP listens on, default {@value
 *     #DEFAULT_BIND_ADDRESS} (this machine only); {@code 0.0.0.0} for every interface
 * @param apiToken {@code --api-token} ({@value #API_TOKEN_ENV}): when set, the shopper-facing endpoints
 *     (feed, search, items, events, users) need {@code Authorization: Bearer} with it or the admin token;
 *     {@code null} leaves them open (the shopper record always needs a token)
 * @param catalogDirs {@code --catalog-dir} (repeatable): the folders, besides {@code --data}, whose files
 *     reindex and CF sources named in a request may be read from; nothing else on the server is
 * @param acceptUnknownItems {@code --accept-unknown-items}: accept events for items the live catalog does
 *     not hold (yet); without it they are answered 422
 * @param fairnessTarget {@code --fairness-target}: FA*IR's target proportion p, the share of protected
 *     items every prefix of a ranking should hold; 0 turns the quota off
 * @param fairnessAlpha {@code --fairness-alpha}: FA*IR's significance α (adjusted for testing every
 *     prefix)
 * @param maxSellerShare {@code --max-seller-share}: the most of a ranking one seller may hold; 1 turns
 *     the cap off
 * @param exposureWindow {@code --exposure-window}: how far back the exposure report looks (whole
 *     minutes, the ledger's buckets)
 * @param embedder {@code --embedder}: the embedder of new catalog generations unless a reindex request
 *     names another; an existing generation is always opened with the embedder it was built with
 * @param jobMetrics {@code --job-metrics} (repeatable): the stream job's Prometheus endpoints, whose counters
 *     (duplicates among them, which only the job sees) the admin status and the console show; none by default
 */
public record ServiceConfig(
        KafkaSettings kafka,
        int httpPort,
        Path catalog,
        Path dataDir,
        boolean demo,
        int simulatedShoppers,
        double simulatorRate,
        String adminToken,
        ProtectedGroup.Spec protectedGroup,
        String bindAddress,
        String apiToken,
        List<Path> catalogDirs,
        boolean acceptUnknownItems,
        double fairnessTarget,
        double fairnessAlpha,
        double maxSellerShare,
        Duration exposureWindow,
        EmbedderSpec embedder,
        List<URI> jobMetrics) {

    /** The variable of {@code --admin-token} ({@code RECSYS_} and the flag's name). */
    public static final String ADMIN_TOKEN_ENV = "RECSYS_ADMIN_TOKEN";

    /** The variable of {@code --api-token}. */
    public static final String API_TOKEN_ENV = "RECSYS_API_TOKEN";

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "./data/service";
    public static final int DEFAULT_SIMULATED_SHOPPERS = 50;
    public static final double DEFAULT_SIMULATOR_RATE = 20;
    public static final String DEFAULT_PROTECTED_GROUP = "tier:small";

    /** The demo catalog: size and seed of the generated sample. */
    public static final int DEMO_CATALOG_SIZE = 6_000;

    public static final long DEMO_CATALOG_SEED = 42;

    public static final int MAX_SIMULATED_SHOPPERS = 100_000;
    public static final double MAX_SIMULATOR_RATE = 10_000;

    public ServiceConfig {
        if (kafka == null) {
            throw new UsageException("--bootstrap-servers must not be empty");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new UsageException("--http-port must be between 0 and 65535, got " + httpPort);
        }
        if (catalog == null && !demo) {
            throw new UsageException("--catalog FILE.jsonl is required (or --demo for a sample catalog)");
        }
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw new UsageException("--data must name a folder");
        }
        if (simulatedShoppers < 1 || simulatedShoppers > MAX_SIMULATED_SHOPPERS) {
            throw new UsageException("--simulated-shoppers must be between 1 and " + MAX_SIMULATED_SHOPPERS + ", got "
                    + simulatedShoppers);
        }
        if (!(simulatorRate > 0) || simulatorRate > MAX_SIMULATOR_RATE) {
            throw new UsageException("--simulator-rate must be above 0 and at most " + (long) MAX_SIMULATOR_RATE
                    + " events per second, got " + simulatorRate);
        }
        if (adminToken != null && (adminToken.isBlank() || adminToken.length() > 256)) {
            throw new UsageException("--admin-token must be 1 to 256 characters");
        }
        if (apiToken != null && (apiToken.isBlank() || apiToken.length() > 256)) {
            throw new UsageException("--api-token must be 1 to 256 characters");
        }
        if (apiToken != null && apiToken.equals(adminToken)) {
            throw new UsageException("--api-token must differ from --admin-token");
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new UsageException("--bind-address must name an address");
        }
        if (protectedGroup == null) {
            throw new UsageException("--protected-group must name a group");
        }
        if (!(fairnessTarget >= 0 && fairnessTarget <= 1)) {
            throw new UsageException(
                    "--fairness-target must be between 0 and 1 (0 turns the quota off), got " + fairnessTarget);
        }
        if (!(fairnessAlpha > 0 && fairnessAlpha < 1)) {
            throw new UsageException("--fairness-alpha must be above 0 and below 1, got " + fairnessAlpha);
        }
        if (!(maxSellerShare > 0 && maxSellerShare <= 1)) {
            throw new UsageException(
                    "--max-seller-share must be above 0 and at most 1 (1 turns the cap off), got " + maxSellerShare);
        }
        Duration bucket = ExposureConfig.DEFAULT_BUCKET;
        if (exposureWindow == null
                || exposureWindow.compareTo(bucket) < 0
                || exposureWindow.toMillis() % bucket.toMillis() != 0
                || exposureWindow.toMillis() / bucket.toMillis() > ExposureConfig.MAX_BUCKETS) {
            throw new UsageException("--exposure-window must be a whole number of minutes from 1 to "
                    + ExposureConfig.MAX_BUCKETS + " (PT15M, 15m), got " + exposureWindow);
        }
        if (embedder == null) {
            throw new UsageException("--embedder must name an embedder: " + EmbedderSpec.SYNTAX);
        }
        catalogDirs = catalogDirs == null ? List.of() : List.copyOf(catalogDirs);
        jobMetrics = jobMetrics == null ? List.of() : List.copyOf(jobMetrics);
        for (URI url : jobMetrics) {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new UsageException(
                        "--job-metrics must be http:// or https:// URLs of the job's metrics, got '" + url + "'");
            }
        }
    }

    /**
     * Parses the flags alone (no {@code RECSYS_} variables, no {@code --config} file).
     *
     * @throws UsageException naming the flag that is unknown, missing or bad
     */
    public static ServiceConfig parse(String... args) {
        return Cli.parse(new ServiceCommand(), args, Map.of()).config();
    }

    /** The Kafka brokers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The folders server-side sources may be read from: {@code --data} first, then every {@code --catalog-dir}. */
    public List<Path> sourceFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(dataDir);
        folders.addAll(catalogDirs);
        return List.copyOf(folders);
    }

    /** The fairness pass: FA*IR at {@code --fairness-target} and {@code --fairness-alpha} (adjusted), the seller cap. */
    public FairnessConfig fairness() {
        return new FairnessConfig(fairnessTarget, fairnessAlpha, true, maxSellerShare);
    }

    /** The exposure ledger: {@code --exposure-window} in buckets of a minute. */
    public ExposureConfig exposure() {
        return new ExposureConfig(
                exposureWindow,
                ExposureConfig.DEFAULT_BUCKET,
                ExposureConfig.DEFAULT_MAX_SELLERS_PER_BUCKET,
                ExposureConfig.DEFAULT_TOP_SELLERS);
    }

    /** Every setting for the log; tokens only as set or not, Kafka client properties by key. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "kafka=%s bind-address=%s http-port=%d catalog=%s data=%s catalog-dirs=%s demo=%s"
                        + " simulated-shoppers=%d simulator-rate=%s admin-token=%s api-token=%s protected-group=%s"
                        + " accept-unknown-items=%s fairness-target=%s fairness-alpha=%s max-seller-share=%s"
                        + " exposure-window=%s embedder=%s job-metrics=%s",
                kafka.describe(),
                bindAddress,
                httpPort,
                catalog == null ? "(sample)" : catalog,
                dataDir,
                catalogDirs,
                demo,
                simulatedShoppers,
                simulatorRate,
                adminToken == null ? "(generated)" : "(set)",
                apiToken == null ? "(none)" : "(set)",
                protectedGroup,
                acceptUnknownItems,
                fairnessTarget,
                fairnessAlpha,
                maxSellerShare,
                exposureWindow,
                embedder,
                jobMetrics);
    }
}
