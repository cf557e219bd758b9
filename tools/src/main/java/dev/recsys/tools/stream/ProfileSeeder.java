package dev.recsys.tools.stream;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.kafka.KafkaOptions;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Publishes a profile for each of the load tool's shoppers ({@code shopper-1 … shopper-N}) straight to
 * {@code user-vectors}, as the stream job would after their events: a seeded random unit content vector and
 * a recent list of items of a generated catalog ({@code --format generated --count N}). For feed load tests
 * at catalog sizes where running the job over every item's vectors would be a test of its own; the
 * event-to-feed path is measured by the freshness probe instead.
 */
@Command(
        name = "seed-profiles",
        description = "Publishes profiles of shopper-1 … shopper-N to user-vectors, for feed load tests.")
public final class ProfileSeeder implements Callable<Integer> {
    private static final EventType[] TYPES = {EventType.VIEW, EventType.VIEW, EventType.CLICK, EventType.PURCHASE};

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--users", paramLabel = "N", defaultValue = "1000", description = "shoppers shopper-1 … shopper-N")
    private long users;

    @Option(names = "--count", paramLabel = "N", required = true, description = "the generated catalog's size")
    private long count;

    @Option(names = "--recent", paramLabel = "N", defaultValue = "10", description = "items in each recent list")
    private long recent;

    @Option(names = "--dimension", paramLabel = "N", required = true, description = "the content vectors' length")
    private long dimension;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the vectors and items")
    private long seed;

    private final PrintStream log;

    private ProfileSeeder(PrintStream log) {
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new ProfileSeeder(System.out), args, Map.of(), System.out, System.err));
    }

    @Override
    public Integer call() {
        int shoppers = (int) Ranges.between("--users", users, 1, 10_000_000);
        long items = Ranges.between("--count", count, 1, SampleCatalog.MAX_STREAM_COUNT);
        int length = (int) Ranges.between("--recent", recent, 1, 50);
        int dims = (int) Ranges.between("--dimension", dimension, 1, 10_000);
        Random random = new Random(seed);
        long now = System.currentTimeMillis();
        Properties props = new Properties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-seeder");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.settings().clientProperties(props))) {
            for (int u = 1; u <= shoppers; u++) {
                String userId = "shopper-" + u;
                float[] content = new float[dims];
                for (int d = 0; d < dims; d++) {
                    content[d] = (float) random.nextGaussian();
                }
                VectorMath.normalizeInPlace(content);
                List<RecentInteraction> list = new ArrayList<>(length);
                for (int r = 0; r < length; r++) {
                    String itemId = SampleCatalog.streamedId(1 + (long) (random.nextDouble() * items), items);
                    list.add(new RecentInteraction(itemId, TYPES[random.nextInt(TYPES.length)], now - 60_000L * r));
                }
                UserVectors profile = new UserVectors(userId, length, now, now, content, null, list, Map.of(), 0);
                producer.send(new ProducerRecord<>(
                        Topics.USER_VECTORS,
                        userId.getBytes(StandardCharsets.UTF_8),
                        UserVectorsJson.write(profile).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        log.println(
                "published " + shoppers + " profiles with " + length + " recent items each to " + Topics.USER_VECTORS);
        return 0;
    }
}
