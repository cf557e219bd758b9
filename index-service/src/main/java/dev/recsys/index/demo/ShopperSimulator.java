package dev.recsys.index.demo;

import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated shoppers for the demo: produces believable interactions to {@code interactions} at a
 * steady rate, on one named thread, so that feeds visibly personalise without a storefront.
 *
 * <p>Shopper {@code shopper-i} has one or two favourite top categories, derived from the seed and
 * {@code i} alone, so a shopper keeps its taste across restarts and across different shopper
 * counts. Each tick one shopper acts, in the order a real visit goes: mostly views of in-stock
 * items of its favourite categories (sometimes anything), clicks on what it viewed, add-to-cart on
 * what it clicked, purchases from its cart, ratings of purchases and, rarely, a dislike. Event ids
 * carry a run id, so ids never repeat across restarts (the stream job de-duplicates by event id);
 * {@code ts} is the current time.
 */
public final class ShopperSimulator implements AutoCloseable {
    public static final String THREAD_NAME = "shopper-simulator";

    /** Share of views that stray outside the shopper's favourite categories. */
    static final double EXPLORE_SHARE = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(ShopperSimulator.class);
    private static final int MEMORY = 6;

    private final Producer<String, String> producer;
    private final String topic;
    private final long intervalNanos;
    private final String runId;
    private final LongSupplier clock;
    private final Random random;
    private final List<CatalogItem> items;
    private final List<Shopper> shoppers;
    private final Thread thread;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long sequence;

    private volatile boolean running = true;

    /**
     * @param items the catalog; only in-stock items are viewed
     * @param shopperCount shoppers {@code shopper-1 .. shopper-N}
     * @param eventsPerSecond how many events to produce per second
     * @param seed the source of every random choice (tastes and actions)
     * @param runId distinguishes this run's event ids from earlier runs'
     */
    public ShopperSimulator(
            List<CatalogItem> items,
            Producer<String, String> producer,
            String topic,
            int shopperCount,
            double eventsPerSecond,
            long seed,
            String runId,
            LongSupplier clock) {
        if (shopperCount < 1) {
            throw new IllegalArgumentException("shopperCount must be positive, got " + shopperCount);
        }
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("eventsPerSecond must be positive, got " + eventsPerSecond);
        }
        this.items = items.stream().filter(CatalogItem::inStock).toList();
        if (this.items.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no item in stock to simulate shoppers on");
        }
        this.producer = producer;
        this.topic = topic;
        this.intervalNanos = Math.max(1, (long) (1e9 / eventsPerSecond));
        this.runId = runId;
        this.clock = clock;
        this.random = new Random(seed);
        Map<String, List<CatalogItem>> byCategory = new TreeMap<>();
        for (CatalogItem item : this.items) {
            byCategory
                    .computeIfAbsent(item.topCategory(), c -> new ArrayList<>())
                    .add(item);
        }
        List<String> categories = List.copyOf(byCategory.keySet());
        this.shoppers = new ArrayList<>(shopperCount);
        for (int i = 1; i <= shopperCount; i++) {
            Random taste = new Random(seed * 31 + i);
            Set<String> favourites = new LinkedHashSet<>();
            int wanted = Math.min(categories.size(), 1 + taste.nextInt(2));
            while (favourites.size() < wanted) {
                favourites.add(categories.get(taste.nextInt(categories.size())));
            }
            List<CatalogItem> liked = new ArrayList<>();
            favourites.forEach(category -> liked.addAll(byCategory.get(category)));
            shoppers.add(new Shopper("shopper-" + i, List.copyOf(favourites), liked));
        }
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this::run);
    }

    /** A simulator with its own producer (closed by {@link #close()}) and a run id from the clock. */
    public static ShopperSimulator create(
            List<CatalogItem> items, KafkaSettings kafka, String topic, int shoppers, double eventsPerSecond) {
        long now = System.currentTimeMillis();
        String runId = Long.toString(now, 36) + "-"
                + Long.toString(ProcessHandle.current().pid(), 36);
        return new ShopperSimulator(
                items,
                new KafkaProducer<>(EventPublisher.producerProperties(kafka, "index-service-simulator")),
                topic,
                shoppers,
                eventsPerSecond,
                42,
                runId,
                System::currentTimeMillis);
    }

    /** The favourite top categories of {@code shopper-i} (1-based). */
    public List<String> favourites(int shopper) {
        return shoppers.get(shopper - 1).favourites;
    }

    public ShopperSimulator start() {
        thread.start();
        LOG.info(
                "simulating {} shoppers at {} events/s (run {})",
                shoppers.size(),
                String.format(Locale.ROOT, "%.1f", 1e9 / intervalNanos),
                runId);
        return this;
    }

    /** Events the broker acknowledged so far. */
    public long producedCount() {
        return produced.get();
    }

    /** Events the broker refused or never acknowledged. */
    public long failedCount() {
        return failed.get();
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            InteractionEvent event = nextEvent();
            try {
                producer.send(
                        new ProducerRecord<>(topic, event.userId(), InteractionEventJson.write(event)),
                        (metadata, e) -> {
                            if (e == null) {
                                produced.incrementAndGet();
                            } else {
                                countFailure(e);
                            }
                        });
            } catch (KafkaException e) {
                countFailure(e);
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by over a second (e.g. broker away): do not burst
            }
        }
    }

    private void countFailure(Exception e) {
        long count = failed.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn("simulated events are not being stored ({} failed so far): {}", count, e.toString());
        }
    }

    /** The next event: one shopper's next step. Not thread-safe; used by the simulator thread and tests. */
    InteractionEvent nextEvent() {
        Shopper shopper = shoppers.get(random.nextInt(shoppers.size()));
        double roll = random.nextDouble();
        CatalogItem item;
        EventType type;
        Double value = null;
        if (roll < 0.04 && !shopper.purchased.isEmpty()) {
            item = shopper.purchased.pollFirst();
            type = EventType.RATE;
            value = (double) (random.nextDouble() < 0.85 ? 3 + random.nextInt(3) : 1 + random.nextInt(2));
        } else if (roll < 0.09 && !shopper.cart.isEmpty()) {
            item = shopper.cart.pollFirst();
            type = EventType.PURCHASE;
            remember(shopper.purchased, item);
        } else if (roll < 0.17 && !shopper.clicked.isEmpty()) {
            item = shopper.clicked.pollFirst();
            type = EventType.ADD_TO_CART;
            remember(shopper.cart, item);
        } else if (roll < 0.19 && !shopper.viewed.isEmpty()) {
            item = shopper.viewed.pollLast();
            type = EventType.DISLIKE;
        } else if (roll < 0.37 && !shopper.viewed.isEmpty()) {
            item = pick(List.copyOf(shopper.viewed));
            type = EventType.CLICK;
            remember(shopper.clicked, item);
        } else {
            boolean explore = shopper.liked.isEmpty() || random.nextDouble() < EXPLORE_SHARE;
            item = pick(explore ? items : shopper.liked);
            type = EventType.VIEW;
            remember(shopper.viewed, item);
        }
        String eventId = "sim-" + runId + "-" + (++sequence);
        return new InteractionEvent(
                eventId, shopper.id, item.itemId(), type, clock.getAsLong(), value, shopper.id + "-" + runId, null);
    }

    private CatalogItem pick(List<CatalogItem> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void remember(Deque<CatalogItem> memory, CatalogItem item) {
        memory.remove(item);
        memory.addFirst(item);
        while (memory.size() > MEMORY) {
            memory.removeLast();
        }
    }

    /** Stops producing, waits for the thread and flushes and closes the producer. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        LOG.info("shopper simulator stopped after {} events", produced.get());
    }

    private static final class Shopper {
        final String id;
        final List<String> favourites;
        final List<CatalogItem> liked;
        final Deque<CatalogItem> viewed = new ArrayDeque<>();
        final Deque<CatalogItem> clicked = new ArrayDeque<>();
        final Deque<CatalogItem> cart = new ArrayDeque<>();
        final Deque<CatalogItem> purchased = new ArrayDeque<>();

        Shopper(String id, List<String> favourites, List<CatalogItem> liked) {
            this.id = id;
            this.favourites = favourites;
            this.liked = liked;
        }
    }
}
