package dev.recsys.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.catalog.sources.SourceFolders;
import dev.recsys.index.demo.ShopperSimulator;
import dev.recsys.index.embed.Embedders;
import dev.recsys.index.erasure.ErasureConsumer;
import dev.recsys.index.erasure.ErasurePublisher;
import dev.recsys.index.erasure.ShopperEraser;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.index.events.KnownItems;
import dev.recsys.index.feed.FeedConfig;
import dev.recsys.index.feed.FeedService;
import dev.recsys.index.feed.RankingPolicy;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.CatalogTopicFollower;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.index.http.AdminAuth;
import dev.recsys.index.http.AdminFairnessEndpoint;
import dev.recsys.index.http.AdminStatusEndpoint;
import dev.recsys.index.http.ApiHandler;
import dev.recsys.index.http.ApiServer;
import dev.recsys.index.http.Credentials;
import dev.recsys.index.http.EventsEndpoint;
import dev.recsys.index.http.FeedEndpoint;
import dev.recsys.index.http.HealthEndpoint;
import dev.recsys.index.http.ItemEndpoint;
import dev.recsys.index.http.MetricsEndpoint;
import dev.recsys.index.http.ReadinessProbe;
import dev.recsys.index.http.ReadyEndpoint;
import dev.recsys.index.http.ReindexEndpoint;
import dev.recsys.index.http.RequestMetrics;
import dev.recsys.index.http.RollbackEndpoint;
import dev.recsys.index.http.SearchEndpoint;
import dev.recsys.index.http.UserEndpoint;
import dev.recsys.index.http.UserErasureEndpoint;
import dev.recsys.index.http.WebEndpoint;
import dev.recsys.index.ingest.DeadLetterLog;
import dev.recsys.index.ingest.StreamJobMetrics;
import dev.recsys.index.metrics.ExposureRecorder;
import dev.recsys.index.metrics.MetricsExposition;
import dev.recsys.index.metrics.ProfileFreshness;
import dev.recsys.index.metrics.ServiceMetrics;
import dev.recsys.index.search.SearchService;
import dev.recsys.index.topics.CompactedTopicReader;
import dev.recsys.index.trending.ItemStatsConsumer;
import dev.recsys.index.trending.TrendingItems;
import dev.recsys.index.users.UserVectorConsumer;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.index.web.WebAssets;
import dev.recsys.ranker.fairness.ExposureLedger;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index service, wired: the HTTP API over the live catalog generation, the live shopper vectors,
 * the event publisher, the catalog-topic follower and the reindexer.
 *
 * <p>{@link #start()} brings it up in the order that lets operators watch: HTTP first ({@code
 * /healthz} answers at once, {@code /readyz} says what is missing), the erasures consumer next, which
 * starts the user-vectors consumer once it has caught up (so no erased shopper's older record is ever
 * applied; both catch up while the catalog loads), then the catalog: the CURRENT generation under {@code
 * <data>/index} is opened as it is (no rebuild; incomplete and stale generation directories are deleted
 * first), and only when there is none is the first generation built from {@code --catalog} or {@code
 * --demo}. Then the catalog-topic follower (from the offsets stored in the live generation), the item
 * vectors published to {@code item-vectors} (in the background, retried while the brokers are away),
 * and with {@code --demo} the shopper simulator. The service is ready when the catalog is live, the
 * vectors are published and the consumers have caught up; one log line says so.
 */
public final class IndexService implements AutoCloseable, ReadinessProbe {
    /** The number of the first catalog generation. */
    public static final long FIRST_GENERATION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    /** Under {@code --data}: the embedding caches of the Transformer embedders, one file per model. */
    public static final String EMBEDDING_CACHE_FOLDER = "embeddings";

    private final ServiceConfig config;
    private final UserVectorStore users = new UserVectorStore();
    private final TrendingItems trending = new TrendingItems();
    private final LiveCatalog live = new LiveCatalog();
    private final ExposureLedger exposure;
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile String startupFailure;
    private Embedders embedders;
    private GenerationStore generations;
    private Reindexer reindexer;
    private GenerationPublisher publisher;
    private CatalogTopicFollower follower;
    private Producer<String, String> vectorProducer;
    private UserVectorConsumer consumer;
    private ErasureConsumer erasures;
    private final DeadLetterLog deadLetters = new DeadLetterLog();
    private CompactedTopicReader deadLetterReader;
    private final StreamJobMetrics jobMetrics;
    private ItemStatsConsumer itemStats;
    private EventPublisher events;
    private ErasurePublisher erasurePublisher;
    private ApiServer server;
    private ShopperSimulator simulator;
    private Thread readinessWatcher;
    private Thread vectorPublisher;

    public IndexService(ServiceConfig config) {
        this.config = config;
        this.exposure = new ExposureLedger(config.exposure(), System::currentTimeMillis);
        this.jobMetrics = new StreamJobMetrics(config.jobMetrics());
    }

    /**
     * Starts everything and returns once a catalog generation is live; publishing its vectors and
     * catching up with the shopper vectors go on in the background (see {@link #awaitReady}).
     *
     * @throws IOException when the port cannot be bound or the catalog cannot be read or written
     */
    public synchronized void start() throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("the service was closed");
        }
        try {
            startComponents();
        } catch (IOException | RuntimeException e) {
            startupFailure = e.getMessage();
            throw e;
        }
    }

    private void startComponents() throws IOException {
        createCatalogSide();
        Credentials credentials = credentials();
        startHttp(credentials);
        LOG.info("HTTP on port {}; loading the catalog", server.port());
        startConsumers();
        List<CatalogItem> demoItems = new CatalogStartup(config, generations, live, reindexer).makeLive();
        follower.start();
        vectorPublisher =
                Thread.ofPlatform().name("item-vectors-publisher").daemon(true).start(publisher::publishLive);
        if (config.demo()) {
            List<CatalogItem> items = demoItems != null ? demoItems : CatalogFile.read(config.catalog());
            simulator = ShopperSimulator.create(
                            items,
                            config.kafka(),
                            Topics.INTERACTIONS,
                            config.simulatedShoppers(),
                            config.simulatorRate())
                    .start();
        }
        readinessWatcher =
                Thread.ofPlatform().name("readiness-watcher").daemon(true).start(this::watchReadiness);
    }

    /** The producers, the generation store, the catalog-topic follower and the reindexer. */
    private void createCatalogSide() throws IOException {
        events = EventPublisher.create(
                config.kafka(),
                Topics.INTERACTIONS,
                config.acceptUnknownItems() ? KnownItems.ANY : KnownItems.in(live));
        erasurePublisher = ErasurePublisher.create(config.kafka(), Topics.ERASURES);
        embedders = Embedders.withCacheIn(config.dataDir().resolve(EMBEDDING_CACHE_FOLDER));
        generations = new GenerationStore(config.dataDir().resolve("index"), IndexSettings.DEFAULTS, embedders);
        publisher = new GenerationPublisher(config.kafka(), generations, live, closed::get);
        vectorProducer =
                new KafkaProducer<>(EventPublisher.producerProperties(config.kafka(), "index-service-catalog-vectors"));
        follower = new CatalogTopicFollower(config.kafka(), Topics.CATALOG, live, vectorProducer, Topics.ITEM_VECTORS);
        reindexer = new Reindexer(generations, live, config.embedder(), follower, publisher::publishOnce);
    }

    private Credentials credentials() {
        String token = config.adminToken();
        if (token == null) {
            token = AdminAuth.randomToken();
            LOG.info(
                    "admin token (generated; set --admin-token or ${} to choose one): {}",
                    ServiceConfig.ADMIN_TOKEN_ENV,
                    token);
        }
        return new Credentials(token, config.apiToken());
    }

    /** The feed and search models and every endpoint over them, served at once ({@code /healthz} answers). */
    private void startHttp(Credentials credentials) throws IOException {
        AdminAuth auth = new AdminAuth(credentials);
        FeedService feeds = new FeedService(
                live,
                users,
                trending,
                FeedConfig.defaults()
                        .withPolicy(new RankingPolicy(
                                config.protectedGroup().bind(trending),
                                config.fairness(),
                                RankingPolicy.DEFAULT_NEWNESS_HALF_LIFE)),
                System::currentTimeMillis);
        SearchService search = new SearchService(
                live,
                users,
                feeds.config().policy(),
                feeds.config().weights(),
                SearchService.DEFAULT_CANDIDATES_PER_RETRIEVER,
                System::currentTimeMillis);
        ExposureRecorder served = new ExposureRecorder(exposure);
        ServiceMetrics.register(metrics, users, live, exposure);
        List<ApiHandler> endpoints = new ArrayList<>(List.of(
                new FeedEndpoint(feeds, served, credentials),
                new SearchEndpoint(search, served, credentials),
                new EventsEndpoint(events, credentials),
                new UserEndpoint(users, live, credentials),
                new UserErasureEndpoint(auth, new ShopperEraser(erasurePublisher, users)),
                new ItemEndpoint(live, credentials),
                new ReindexEndpoint(auth, reindexer, new SourceFolders(config.sourceFolders())),
                new RollbackEndpoint(auth, reindexer),
                new AdminStatusEndpoint(auth, this::adminStatus),
                new AdminFairnessEndpoint(auth, exposure, feeds.config().policy()),
                new MetricsEndpoint(new MetricsExposition(metrics)),
                new HealthEndpoint(),
                new dev.recsys.index.http.OpenApiEndpoint(),
                new ReadyEndpoint(this)));
        endpoints.addAll(List.of(WebEndpoint.all(WebAssets.load())));
        server = ApiServer.start(
                new InetSocketAddress(config.bindAddress(), config.httpPort()), endpoints, new RequestMetrics(metrics));
    }

    /** Erasures first: user vectors are read only once every known erasure is applied. */
    private void startConsumers() {
        consumer = UserVectorConsumer.create(config.kafka(), Topics.USER_VECTORS, users, new ProfileFreshness(metrics));
        erasures = ErasureConsumer.create(config.kafka(), Topics.ERASURES, users, consumer::start)
                .start();
        itemStats = ItemStatsConsumer.create(config.kafka(), Topics.ITEM_STATS, trending)
                .start();
        // For the operator only: readiness does not wait for it.
        deadLetterReader = CompactedTopicReader.create(
                config.kafka(), "index-service-dead-letters", Topics.INTERACTIONS_DLQ, deadLetters, "dead-letters");
        deadLetterReader.start();
    }

    private void watchReadiness() {
        while (!closed.get()) {
            if (missing().isEmpty()) {
                ready.countDown();
                try (CatalogLease lease = live.acquire()) {
                    LOG.info(
                            "index-service ready on http://127.0.0.1:{} ({} items, generation {})",
                            server.port(),
                            lease.index().size(),
                            lease.generation());
                }
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until the service is ready; {@code false} when the timeout passed first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until {@link #close()} has run. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** The bound HTTP port. */
    public int httpPort() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The live catalog generation (take a lease for each use). */
    public LiveCatalog catalog() {
        return live;
    }

    public UserVectorStore users() {
        return users;
    }

    /** The reindexer, or {@code null} before {@link #start}. */
    public Reindexer reindexer() {
        return reindexer;
    }

    /** The catalog-topic follower, or {@code null} before {@link #start}. */
    public CatalogTopicFollower follower() {
        return follower;
    }

    /** The body of {@code GET /v1/admin/status}. */
    public ObjectNode adminStatus() {
        return new AdminStatus(generations, live, reindexer, follower, users, erasures, deadLetters, jobMetrics)
                .toJson();
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (startupFailure != null) {
            missing.add("startup failed: " + startupFailure);
        }
        if (live.generation() < 0) {
            missing.add("catalog: still loading");
        }
        if (publisher == null || !publisher.published()) {
            missing.add("item vectors: not yet published to " + Topics.ITEM_VECTORS);
        }
        ErasureConsumer erasing = erasures;
        if (erasing == null) {
            missing.add("erasures: consumer not started");
        } else if (erasing.failure() != null) {
            missing.add("erasures: consumer stopped (" + erasing.failure() + ")");
        } else if (!erasing.caughtUp()) {
            missing.add("erasures: still reading " + Topics.ERASURES + " (user vectors wait for it)");
        }
        UserVectorConsumer current = consumer;
        if (current == null) {
            missing.add("user vectors: consumer not started");
        } else if (current.failure() != null) {
            missing.add("user vectors: consumer stopped (" + current.failure() + ")");
        } else if (!current.caughtUp()) {
            missing.add(
                    "user vectors: still reading " + Topics.USER_VECTORS + " (" + users.size() + " shoppers so far)");
        }
        ItemStatsConsumer stats = itemStats;
        if (stats == null) {
            missing.add("item stats: consumer not started");
        } else if (stats.failure() != null) {
            missing.add("item stats: consumer stopped (" + stats.failure() + ")");
        } else if (!stats.caughtUp()) {
            missing.add("item stats: still reading " + Topics.ITEM_STATS);
        }
        return missing;
    }

    @Override
    public void describe(ObjectNode into) {
        try (CatalogLease lease = live.tryAcquire()) {
            if (lease != null) {
                into.put("items", lease.index().size());
                into.put("generation", lease.generation());
            }
        }
        into.put("shoppers", users.size());
        into.put("userVectorsIgnored", users.ignoredCount());
        into.put("userVectorsErased", users.erasedCount());
        into.put("erasures", users.erasureCount());
        if (consumer != null) {
            into.put("userVectorsInvalid", consumer.invalidCount());
        }
        into.put("trendingItems", trending.size());
        if (itemStats != null) {
            into.put("itemStatsInvalid", itemStats.invalidCount());
        }
        if (follower != null) {
            into.put("catalogMalformed", follower.malformedCount());
        }
    }

    /**
     * Stops the simulator, HTTP, reindexing, the followers and producers, then releases the live
     * generation (which commits its updates and applied offsets). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("index-service stopping");
        closeQuietly(simulator);
        closeQuietly(server);
        closeQuietly(reindexer);
        closeQuietly(follower);
        closeQuietly(erasures); // before the consumer it starts
        closeQuietly(consumer);
        closeQuietly(itemStats);
        closeQuietly(deadLetterReader);
        closeQuietly(jobMetrics);
        closeQuietly(events);
        closeQuietly(erasurePublisher);
        for (Thread helper : new Thread[] {readinessWatcher, vectorPublisher}) {
            if (helper != null) {
                helper.interrupt();
                try {
                    helper.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        closeQuietly(vectorProducer);
        closeQuietly(live);
        closeQuietly(embedders); // after the live generation, whose updates may embed
        stopped.countDown();
        LOG.info("index-service stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("error while closing {}: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
