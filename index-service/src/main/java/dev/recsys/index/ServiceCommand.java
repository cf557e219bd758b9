package dev.recsys.index;

import dev.recsys.cli.ConfigFileOption;
import dev.recsys.cli.Converters;
import dev.recsys.cli.UsageException;
import dev.recsys.cli.kafka.KafkaOptions;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.feed.ProtectedGroup;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The service's flags ({@code ./recsys serve}); {@link #config()} checks them into {@link
 * ServiceConfig}, and calling it runs the service until the process is stopped.
 */
@Command(
        name = "recsys serve",
        description = "The index service: the catalog in Lucene, live shopper vectors from Kafka, feeds and"
                + " personalised search over HTTP. Needs --catalog FILE.jsonl or --demo.")
public final class ServiceCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

    @Mixin
    private ConfigFileOption config;

    @Mixin
    private KafkaOptions kafka;

    @Option(
            names = "--http-port",
            paramLabel = "N",
            defaultValue = "" + ServiceConfig.DEFAULT_HTTP_PORT,
            description = "HTTP port; 0 picks a free one")
    private int httpPort;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDR",
            defaultValue = ServiceConfig.DEFAULT_BIND_ADDRESS,
            description = "the IP address HTTP listens on: this machine only by default, 0.0.0.0 for every interface")
    private String bindAddress;

    @Option(
            names = "--catalog",
            paramLabel = "FILE.jsonl",
            description = "the catalog to index at the first start, one item per line (required unless --demo)")
    private Path catalog;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = ServiceConfig.DEFAULT_DATA_DIR,
            description = "catalog generations live in DIR/index/gen-<n>; a restart opens the current one")
    private Path dataDir;

    @Option(
            names = "--catalog-dir",
            paramLabel = "DIR",
            split = ",",
            description = "a folder a reindex source or cfFactors may be read from, besides --data (repeatable;"
                    + " comma-separated in a variable or the file)")
    private List<Path> catalogDirs;

    @Option(
            names = "--demo",
            description = "generate the sample catalog (6,000 items, seed 42) unless --catalog is given, and run the"
                    + " shopper simulator")
    private boolean demo;

    @Option(
            names = "--simulated-shoppers",
            paramLabel = "N",
            defaultValue = "" + ServiceConfig.DEFAULT_SIMULATED_SHOPPERS,
            description = "shoppers shopper-1 … shopper-N the demo simulates")
    private int simulatedShoppers;

    @Option(
            names = "--simulator-rate",
            paramLabel = "N",
            defaultValue = "20",
            converter = Converters.FiniteNumber.class,
            description = "events per second the demo produces")
    private double simulatorRate;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            showDefaultValue = Help.Visibility.NEVER,
            description = "bearer token of /v1/admin/* (default: a random one, logged once)")
    private String adminToken;

    @Option(
            names = "--api-token",
            paramLabel = "TOKEN",
            showDefaultValue = Help.Visibility.NEVER,
            description = "bearer token the shopper-facing endpoints then require (the admin token works too);"
                    + " default: none, they are open")
    private String apiToken;

    @Option(
            names = "--accept-unknown-items",
            description = "accept events for items the live catalog does not hold (yet); without it they are"
                    + " answered 422")
    private boolean acceptUnknownItems;

    @Option(
            names = "--protected-group",
            paramLabel = "SPEC",
            defaultValue = ServiceConfig.DEFAULT_PROTECTED_GROUP,
            description = "the items the fairness pass protects: tier:small[,medium...] (seller tiers), new:P30D"
                    + " (created within the age) or long-tail:1000 (outside the most interacted-with items)")
    private String protectedGroup;

    @Option(
            names = "--fairness-target",
            paramLabel = "P",
            defaultValue = "0.3",
            converter = Converters.FiniteNumber.class,
            description = "FA*IR's target proportion p: the share of protected items every prefix of a list should"
                    + " hold, up to chance; 0 turns the quota off")
    private double fairnessTarget;

    @Option(
            names = "--fairness-alpha",
            paramLabel = "A",
            defaultValue = "0.1",
            converter = Converters.FiniteNumber.class,
            description = "FA*IR's significance α, adjusted for testing every prefix: the accepted chance of"
                    + " correcting a list that was fair")
    private double fairnessAlpha;

    @Option(
            names = "--max-seller-share",
            paramLabel = "S",
            defaultValue = "0.3",
            converter = Converters.FiniteNumber.class,
            description = "the most of a list one seller may hold, ceil(S × k) items; 1 turns the cap off")
    private double maxSellerShare;

    @Option(
            names = "--exposure-window",
            paramLabel = "DURATION",
            defaultValue = "PT15M",
            converter = Converters.ShortDuration.class,
            description = "how far back /v1/admin/fairness and the exposure metrics look, in whole minutes")
    private Duration exposureWindow;

    @Option(
            names = "--embedder",
            paramLabel = "NAME",
            defaultValue = "transformer",
            description = "the embedder of new catalog generations: transformer[:MODEL] (a pre-trained sentence"
                    + " encoder; models: bge-small-en-v15-q, the default, all-minilm-l6-v2-q, twice as fast,"
                    + " bge-small-zh-v15-q for Chinese) or hashed (n-grams fitted on the catalog: no model to load,"
                    + " for tiny machines). A generation keeps the one it was built with; a reindex request may name"
                    + " another")
    private String embedder;

    @Option(
            names = "--job-metrics",
            paramLabel = "URL",
            split = ",",
            description = "the stream job's Prometheus endpoint, such as http://127.0.0.1:9249/metrics (repeatable, one"
                    + " per task manager): the console then shows the job's counters, duplicates among them")
    private List<String> jobMetrics;

    /** The flags, checked; a bad one is a {@link UsageException} naming it. */
    public ServiceConfig config() {
        return new ServiceConfig(
                kafka.settings(),
                httpPort,
                catalog,
                dataDir,
                demo,
                simulatedShoppers,
                simulatorRate,
                token(adminToken),
                protectedGroup(protectedGroup.strip()),
                address(bindAddress.strip()),
                token(apiToken),
                catalogDirs,
                acceptUnknownItems,
                fairnessTarget,
                fairnessAlpha,
                maxSellerShare,
                exposureWindow,
                embedderSpec(embedder),
                urls(jobMetrics));
    }

    private static EmbedderSpec embedderSpec(String value) {
        try {
            return EmbedderSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--embedder: " + e.getMessage());
        }
    }

    /** Runs the service until the process is stopped; 1 when it cannot start. */
    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig settings = config();
        LOG.info("starting with {}", settings);
        IndexService service = new IndexService(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "index-service-shutdown"));
        try {
            service.start();
        } catch (Exception e) {
            LOG.error("index-service could not start: {}", e.getMessage(), e);
            service.close();
            return 1;
        }
        service.await();
        return 0;
    }

    private static List<URI> urls(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        for (String value : values) {
            try {
                urls.add(new URI(value.strip()));
            } catch (URISyntaxException e) {
                throw new UsageException(
                        "--job-metrics must be URLs such as http://127.0.0.1:9249/metrics, got '" + value + "'");
            }
        }
        return urls;
    }

    private static String token(String value) {
        return value == null ? null : value.strip();
    }

    /** A literal IP address (no name lookup: a typo must not silently bind somewhere else). */
    private static String address(String value) {
        String message = "--bind-address must be an IP address such as 127.0.0.1 or 0.0.0.0, got '" + value + "'";
        if (!value.matches("[0-9a-fA-F:.]+")) {
            throw new UsageException(message);
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new UsageException(message);
        }
        return value;
    }

    private static ProtectedGroup.Spec protectedGroup(String value) {
        try {
            return ProtectedGroup.Spec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--protected-group: " + e.getMessage());
        }
    }
}
