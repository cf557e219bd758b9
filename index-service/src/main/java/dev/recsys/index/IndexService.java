package dev.recsys.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.ItemVectorPublisher;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.demo.ShopperSimulator;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.index.feed.FeedConfig;
import dev.recsys.index.feed.FeedService;
import dev.recsys.index.http.ApiServer;
import dev.recsys.index.http.EventsEndpoint;
import dev.recsys.index.http.FeedEndpoint;
import dev.recsys.index.http.HealthEndpoint;
import dev.recsys.index.http.ItemEndpoint;
import dev.recsys.index.http.ReadinessProbe;
import dev.recsys.index.http.ReadyEndpoint;
import dev.recsys.index.http.SearchEndpoint;
import dev.recsys.index.http.UserEndpoint;
import dev.recsys.index.search.SearchService;
import dev.recsys.index.users.UserVectorConsumer;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index service, wired: the HTTP API over the catalog index, the live shopper vectors and the
 * event publisher.
 *
 * <p>{@link #start()} brings it up in the order that lets operators watch: HTTP first ({@code
 * /healthz} answers at once, {@code /readyz} says what is missing), the user-vectors consumer next
 * (it catches up while the catalog builds), then the catalog — read from {@code --catalog} or
 * generated with {@code --demo} — embedded and indexed as generation 1 under {@code
 * <data>/index/gen-1} (the index folder is wiped on start), then its item vectors published to
 * {@code item-vectors} for the stream job (in the background, retried while the brokers are away),
 * and with {@code --demo} the shopper simulator. The service is ready when the catalog is loaded, the
 * vectors are published and the consumer has caught up; one log line says so.
 */
public final class IndexService implements AutoCloseable, ReadinessProbe {
    /** The first (and, until reindexing exists, only) catalog generation. */
    public static final long FIRST_GENERATION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

    private final ServiceConfig config;
    private final UserVectorStore users = new UserVectorStore();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile CatalogIndex catalog;
    private volatile boolean itemVectorsPublished;
    private volatile String startupFailure;
    private UserVectorConsumer consumer;
    private EventPublisher events;
    private ApiServer server;
    private ShopperSimulator simulator;
    private Thread readinessWatcher;
    private Thread vectorPublisher;

    public IndexService(ServiceConfig config) {
        this.config = config;
    }

    /**
     * Starts everything and returns once the catalog is indexed; publishing its vectors and catching
     * up with the shopper vectors go on in the background (see {@link #awaitReady}).
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
        events = EventPublisher.create(config.bootstrapServers(), ServiceTopics.INTERACTIONS);
        FeedService feeds = new FeedService(this::catalog, users, FeedConfig.defaults(), System::currentTimeMillis);
        SearchService search = new SearchService(
                this::catalog,
                users,
                feeds.config().policy(),
                feeds.config().weights(),
                SearchService.DEFAULT_CANDIDATES_PER_RETRIEVER,
                System::currentTimeMillis);
        server = ApiServer.start(
                config.httpPort(),
                List.of(
                        new FeedEndpoint(feeds),
                        new SearchEndpoint(search),
                        new EventsEndpoint(events),
                        new UserEndpoint(users, this::catalog),
                        new ItemEndpoint(this::catalog),
                        new HealthEndpoint(),
                        new ReadyEndpoint(this)));
        LOG.info("HTTP on port {}; loading the catalog", server.port());

        consumer = UserVectorConsumer.create(config.bootstrapServers(), ServiceTopics.USER_VECTORS, users)
                .start();

        long began = System.nanoTime();
        List<CatalogItem> items = loadItems();
        HashedNgramEmbedder embedder = HashedNgramEmbedder.fitCatalog(items, HashedNgramEmbedder.DEFAULT_DIMENSION);
        Path indexRoot = config.dataDir().resolve("index");
        deleteRecursively(indexRoot);
        catalog = CatalogIndex.build(indexRoot.resolve("gen-" + FIRST_GENERATION), items, embedder, FIRST_GENERATION);
        LOG.info(
                "indexed {} items as generation {} in {} ms",
                catalog.size(),
                FIRST_GENERATION,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));

        vectorPublisher = Thread.ofPlatform()
                .name("item-vectors-publisher")
                .daemon(true)
                .start(() -> publishItemVectors(catalog));

        if (config.demo()) {
            simulator = ShopperSimulator.create(
                            items,
                            config.bootstrapServers(),
                            ServiceTopics.INTERACTIONS,
                            config.simulatedShoppers(),
                            config.simulatorRate())
                    .start();
        }
        readinessWatcher =
                Thread.ofPlatform().name("readiness-watcher").daemon(true).start(this::watchReadiness);
    }

    /**
     * Publishes the generation's item vectors, retrying until it succeeds or the service closes: the
     * service serves (and says it is not ready) while the brokers are away, instead of dying.
     */
    private void publishItemVectors(CatalogIndex index) {
        long pauseMillis = 1_000;
        while (!closed.get()) {
            try (Producer<String, String> producer = new KafkaProducer<>(
                    EventPublisher.producerProperties(config.bootstrapServers(), "index-service-item-vectors"))) {
                int published = ItemVectorPublisher.publish(index, producer, ServiceTopics.ITEM_VECTORS);
                itemVectorsPublished = true;
                LOG.info("published {} item vectors to {}", published, ServiceTopics.ITEM_VECTORS);
                return;
            } catch (RuntimeException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("could not publish item vectors (retrying in {} ms): {}", pauseMillis, e.toString());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(30_000, pauseMillis * 2);
        }
    }

    private List<CatalogItem> loadItems() throws IOException {
        if (config.catalog() != null) {
            List<CatalogItem> items = CatalogFile.read(config.catalog());
            LOG.info("read {} items from {}", items.size(), config.catalog());
            return items;
        }
        List<CatalogItem> items =
                SampleCatalog.generate(ServiceConfig.DEMO_CATALOG_SIZE, ServiceConfig.DEMO_CATALOG_SEED);
        LOG.info("generated a sample catalog of {} items (seed {})", items.size(), ServiceConfig.DEMO_CATALOG_SEED);
        return items;
    }

    private void watchReadiness() {
        while (!closed.get()) {
            if (missing().isEmpty()) {
                ready.countDown();
                LOG.info(
                        "index-service ready on http://127.0.0.1:{} ({} items, generation {})",
                        server.port(),
                        catalog.size(),
                        catalog.generation());
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

    /** The catalog generation serving queries, or {@code null} while loading. */
    public CatalogIndex catalog() {
        return catalog;
    }

    public UserVectorStore users() {
        return users;
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (startupFailure != null) {
            missing.add("startup failed: " + startupFailure);
        }
        if (catalog == null) {
            missing.add("catalog: still loading");
        }
        if (!itemVectorsPublished) {
            missing.add("item vectors: not yet published to " + ServiceTopics.ITEM_VECTORS);
        }
        UserVectorConsumer current = consumer;
        if (current == null) {
            missing.add("user vectors: consumer not started");
        } else if (current.failure() != null) {
            missing.add("user vectors: consumer stopped (" + current.failure() + ")");
        } else if (!current.caughtUp()) {
            missing.add("user vectors: still reading " + ServiceTopics.USER_VECTORS + " (" + users.size()
                    + " shoppers so far)");
        }
        return missing;
    }

    @Override
    public void describe(ObjectNode into) {
        CatalogIndex current = catalog;
        if (current != null) {
            into.put("items", current.size());
            into.put("generation", current.generation());
        }
        into.put("shoppers", users.size());
        into.put("userVectorsIgnored", users.ignoredCount());
        if (consumer != null) {
            into.put("userVectorsInvalid", consumer.invalidCount());
        }
    }

    /** Stops the simulator, HTTP, the consumer and the producer, then closes the index. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("index-service stopping");
        closeQuietly(simulator);
        closeQuietly(server);
        closeQuietly(consumer);
        closeQuietly(events);
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
        CatalogIndex current = catalog;
        catalog = null;
        closeQuietly(current);
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

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
