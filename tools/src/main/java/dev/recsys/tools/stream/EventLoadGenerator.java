package dev.recsys.tools.stream;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.kafka.KafkaOptions;
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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

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
 * ./recsys loadgen --bootstrap-servers 127.0.0.1:9092 --rate 1000 --duration 60 --users 10000 --items 5000 --seed 1
 * </pre>
 */
@Command(
        name = "recsys loadgen",
        description = "Produces valid interaction events to Kafka at a set rate, for load tests of the stream job:"
                + " first the vectors of the items it uses, then the events; prints the rate achieved.")
public final class EventLoadGenerator implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new EventLoadGenerator(System.out));
    }

    @Mixin
    private KafkaOptions kafka;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "1000",
            converter = Converters.WholeNumber.class,
            description = "events per second; 0 for as fast as possible")
    private long rate;

    @Option(
            names = "--events",
            paramLabel = "N",
            converter = Converters.WholeNumber.class,
            description = "events to send (default: 100000, or no limit with --duration)")
    private Long eventsFlag;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = Converters.ShortDuration.class,
            description = "how long to send, e.g. 60 (seconds), 60s, PT1M (default: until --events are sent)")
    private Duration durationFlag;

    @Option(names = "--users", paramLabel = "N", defaultValue = "10000", description = "shoppers lg-u0 … lg-u(N-1)")
    private long users;

    @Option(names = "--items", paramLabel = "N", defaultValue = "5000", description = "items lg-i0 … lg-i(N-1)")
    private long items;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            converter = Converters.WholeNumber.class,
            description = "seed of the vectors, shoppers, items and types")
    private long seed;

    @Option(names = "--dimension", paramLabel = "N", defaultValue = "64", description = "length of the item vectors")
    private long dimension;

    @Option(
            names = "--user-order",
            paramLabel = "random|shuffled",
            defaultValue = "random",
            description = "each event's shopper drawn at random, or every shopper once per round of --users events"
                    + " in a seeded shuffled order")
    private String userOrder;

    @Option(
            names = "--cf-factors",
            paramLabel = "K",
            defaultValue = "0",
            description = "items also get seeded CF factors of length K, and their model goes to cf-model; 0 for none")
    private long cfFactorsFlag;

    private final PrintStream out;

    private EventLoadGenerator(PrintStream out) {
        this.out = out;
    }

    /** How much ahead of its time an event may be sent (its {@code ts} is the clock at sending). */
    private static final long MAX_EARLY_NANOS = 1_000_000;

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (2 for bad flags). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return Cli.run(new EventLoadGenerator(out), args, Map.of(), out, err);
    }

    @Override
    public Integer call() {
        long rate = Ranges.between("--rate", this.rate, 0, Long.MAX_VALUE);
        long events = eventsFlag == null
                ? (durationFlag != null ? Long.MAX_VALUE : 100_000)
                : Ranges.between("--events", eventsFlag, 1, Long.MAX_VALUE);
        Duration duration = durationFlag == null ? Duration.ofDays(365) : durationFlag;
        int users = (int) Ranges.between("--users", this.users, 1, Integer.MAX_VALUE);
        int items = (int) Ranges.between("--items", this.items, 1, Integer.MAX_VALUE);
        long seed = this.seed;
        int dimension = (int) Ranges.between("--dimension", this.dimension, 1, 100_000);
        int cfFactors = (int) Ranges.between("--cf-factors", cfFactorsFlag, 0, 10_000);

        Random random = new Random(seed);
        IntSupplier shoppers = shoppers(userOrder, users, random);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.settings().clientProperties(producerProperties()))) {
            publishItems(producer, random, seed, items, dimension, cfFactors);
            sendEvents(producer, random, shoppers, seed, items, rate, events, duration);
        }
        return 0;
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "event-load-generator");
        return props;
    }

    /**
     * The vectors of every item the events use (drawn from {@code random}, before the events), and with
     * {@code cfFactors > 0} their CF factors and the model built from them.
     */
    private void publishItems(
            KafkaProducer<byte[], byte[]> producer, Random random, long seed, int items, int dimension, int cfFactors) {
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
            producer.send(
                    new ProducerRecord<>(Topics.ITEM_VECTORS, utf8(item.itemId()), utf8(ItemVectorsJson.write(item))));
        }
        if (cfFactors > 0) {
            CfModel model = new CfModel(1, cfFactors, 0.1, 10, ImplicitFoldIn.gram(factors, cfFactors));
            producer.send(
                    new ProducerRecord<>(Topics.CF_MODEL, utf8(Topics.CF_MODEL_KEY), utf8(CfModelJson.write(model))));
        }
        producer.flush();
        out.printf(
                Locale.ROOT,
                "published vectors of %d items (dimension %d, CF factors %d)%n",
                items,
                dimension,
                cfFactors);
    }

    /** Sends up to {@code events} events at {@code rate} (0: as fast as possible) until {@code duration} is over. */
    private void sendEvents(
            KafkaProducer<byte[], byte[]> producer,
            Random random,
            IntSupplier shoppers,
            long seed,
            int items,
            long rate,
            long events,
            Duration duration) {
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
                out.printf(Locale.ROOT, "  %,d events, %,.0f events/s%n", sent, sent / ((now - start) / 1e9));
                nextReport += 5_000_000_000L;
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "sent %,d events in %.1f s: %,.0f events/s (target %s)%n",
                sent,
                seconds,
                sent / seconds,
                rate == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,d/s", rate));
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
                throw new dev.recsys.cli.UsageException("--user-order must be random or shuffled, got '" + order + "'");
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
