package dev.recsys.ingest.tools;

import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces valid interaction events to {@code interactions} at a given rate, for load tests of the
 * job. First publishes item vectors for every item id it will use ({@code lg-i<n>}, seeded random
 * unit vectors), then events of {@code lg-u<n>} shoppers: item popularity is skewed (a few items
 * get most events, as in a shop), types are 70% view, 20% click, 7% add_to_cart, 3% purchase, and
 * {@code ts} is the wall clock at production. Each event's shopper is drawn at random ({@code
 * --user-order random}, the default), or with {@code --user-order shuffled} every shopper comes
 * once per round of {@code --users} events, in a seeded shuffled order, so {@code --events N
 * --users N} touches each of N shoppers exactly once. Prints the achieved rate at the end.
 *
 * <pre>
 * java -cp ... dev.recsys.ingest.tools.EventLoadGenerator --bootstrap-servers 127.0.0.1:9092 \
 *     --rate 1000 --duration 60 --users 10000 --items 5000 --seed 1
 * </pre>
 */
public final class EventLoadGenerator {
    static final Set<String> FLAGS = Set.of(
            "--bootstrap-servers",
            "--cf-factors",
            "--rate",
            "--events",
            "--duration",
            "--users",
            "--items",
            "--seed",
            "--dimension",
            "--user-order");

    /** How much ahead of its time an event may be sent (its {@code ts} is the clock at sending). */
    private static final long MAX_EARLY_NANOS = 1_000_000;

    private EventLoadGenerator() {}

    public static void main(String[] args) {
        try {
            run(new ToolFlags(args, FLAGS));
        } catch (IllegalArgumentException e) {
            System.err.println("event load generator: " + e.getMessage());
            System.err.println(
                    "usage: EventLoadGenerator --bootstrap-servers HOST:PORT [--rate N (events/s, 0 = as fast"
                            + " as possible)] [--events N | --duration SECONDS] [--users N] [--items N] [--seed N]"
                            + " [--dimension N] [--user-order random|shuffled (shuffled: each shopper once per round"
                            + " of --users events, in a seeded shuffled order)] [--cf-factors K (items also get"
                            + " seeded CF factors of length K, and their model goes to cf-model; default 0 = none)]");
            System.exit(2);
        }
    }

    static void run(ToolFlags flags) {
        String bootstrap = flags.text("--bootstrap-servers", "127.0.0.1:9092");
        long rate = flags.number("--rate", 1000, 0);
        long events = flags.number("--events", flags.has("--duration") ? Long.MAX_VALUE : 100_000, 1);
        Duration duration = flags.duration("--duration", Duration.ofDays(365));
        int users = (int) flags.number("--users", 10_000, 1);
        int items = (int) flags.number("--items", 5_000, 1);
        long seed = flags.number("--seed", 1, Long.MIN_VALUE);
        int dimension = (int) flags.number("--dimension", 64, 1);
        String userOrder = flags.text("--user-order", "random");
        int cfFactors = (int) flags.number("--cf-factors", 0, 0);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "event-load-generator");
        Random random = new Random(seed);
        IntSupplier shoppers = shoppers(userOrder, users, random);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            // A separate source for CF factors, so the events are the same with and without them.
            Random cfRandom = new Random(seed * 31 + 7);
            float[][] factors = new float[cfFactors == 0 ? 0 : items][];
            for (int i = 0; i < items; i++) {
                float[] cf = null;
                if (cfFactors > 0) {
                    cf = new float[cfFactors];
                    for (int j = 0; j < cfFactors; j++) {
                        cf[j] = (float) (cfRandom.nextGaussian() * 0.1);
                    }
                    factors[i] = cf;
                }
                ItemVectors item = new ItemVectors(itemId(i), 1, unitVector(random, dimension), cf);
                producer.send(new ProducerRecord<>(
                        Topics.ITEM_VECTORS, utf8(item.itemId()), utf8(ItemVectorsJson.write(item))));
            }
            if (cfFactors > 0) {
                CfModel model = new CfModel(1, cfFactors, 0.1, 10, ImplicitFoldIn.gram(factors, cfFactors));
                producer.send(new ProducerRecord<>(
                        Topics.CF_MODEL, utf8(Topics.CF_MODEL_KEY), utf8(CfModelJson.write(model))));
            }
            producer.flush();
            System.out.printf(
                    Locale.ROOT,
                    "published vectors of %d items (dimension %d, CF factors %d)%n",
                    items,
                    dimension,
                    cfFactors);

            long start = System.nanoTime();
            long end = start + Math.min(duration.toNanos(), Long.MAX_VALUE / 2);
            double nanosPerEvent = rate == 0 ? 0 : 1e9 / rate;
            long sent = 0;
            long nextReport = start + 5_000_000_000L;
            while (sent < events && System.nanoTime() < end) {
                if (rate > 0) {
                    long due = start + (long) (sent * nanosPerEvent);
                    long ahead = due - System.nanoTime();
                    // Parking for every event would cost a wake-up each, 20,000 a second at 20,000
                    // events/s: events due within the next millisecond go at once.
                    if (ahead > MAX_EARLY_NANOS) {
                        LockSupport.parkNanos(ahead);
                    }
                }
                InteractionEvent event = event(random, seed, sent, shoppers.getAsInt(), items);
                producer.send(new ProducerRecord<>(
                        Topics.INTERACTIONS, utf8(event.userId()), InteractionEventJson.writeBytes(event)));
                sent++;
                long now = System.nanoTime();
                if (now >= nextReport) {
                    System.out.printf(
                            Locale.ROOT, "  %,d events, %,.0f events/s%n", sent, sent / ((now - start) / 1e9));
                    nextReport += 5_000_000_000L;
                }
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "sent %,d events in %.1f s: %,.0f events/s (target %s)%n",
                    sent,
                    seconds,
                    sent / seconds,
                    rate == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,d/s", rate));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String itemId(int i) {
        return "lg-i" + i;
    }

    /**
     * The shopper index of each event in turn: {@code random} draws one per event; {@code shuffled}
     * goes through a seeded permutation of {@code 0..users-1}, a fresh one every round.
     */
    static IntSupplier shoppers(String order, int users, Random random) {
        return switch (order) {
            case "random" -> () -> random.nextInt(users);
            case "shuffled" ->
                new IntSupplier() {
                    private final int[] permutation = new int[users];
                    private int next = users;

                    @Override
                    public int getAsInt() {
                        if (next == users) {
                            for (int i = 0; i < users; i++) {
                                permutation[i] = i;
                            }
                            for (int i = users - 1; i > 0; i--) { // Fisher-Yates
                                int j = random.nextInt(i + 1);
                                int swap = permutation[i];
                                permutation[i] = permutation[j];
                                permutation[j] = swap;
                            }
                            next = 0;
                        }
                        return permutation[next++];
                    }
                };
            default ->
                throw new IllegalArgumentException("--user-order must be random or shuffled, got '" + order + "'");
        };
    }

    /** One event; the item index is skewed toward low numbers (u², so 10% of items get ~32% of events). */
    static InteractionEvent event(Random random, long seed, long n, int user, int items) {
        String userId = "lg-u" + user;
        double u = random.nextDouble();
        String itemId = itemId((int) Math.min(items - 1, (long) (u * u * items)));
        double p = random.nextDouble();
        EventType type = p < 0.70
                ? EventType.VIEW
                : p < 0.90 ? EventType.CLICK : p < 0.97 ? EventType.ADD_TO_CART : EventType.PURCHASE;
        return InteractionEvent.of("lg-" + seed + "-" + n, userId, itemId, type, System.currentTimeMillis());
    }

    static float[] unitVector(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return VectorMath.normalized(vector);
    }
}
