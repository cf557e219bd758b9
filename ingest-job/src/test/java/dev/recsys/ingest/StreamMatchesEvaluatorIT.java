package dev.recsys.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.cf.RatingMatrix;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.eval.Profiles;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One profile code path: the stream job, run on a real broker, and the offline evaluator ({@link
 * Profiles} for content vector and recent list, the fold-in of {@code Scorers.als} for the CF factor)
 * turn the same MovieLens ratings, item vectors and CF model into the same shopper vectors.
 *
 * <p>Shoppers are drawn among those with at most {@link ProfileConfig#CF_HISTORY_SIZE} distinct items:
 * beyond that the stream's CF history drops the oldest items by design, while the evaluator folds in
 * all of them. Every MovieLens shopper has rated at least 20 films, more than the {@value #FACTORS}
 * factors, so the fold-in solves in its k×k form here; {@code ranker}'s {@code ImplicitFoldInTest}
 * checks the n×n form of short histories against it.
 */
class StreamMatchesEvaluatorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long SEED = 20_240_517L;
    private static final int SHOPPERS = 40;
    private static final int FACTORS = 16;
    private static final int PARALLELISM = 2;
    private static final int PROBES = 8;

    /**
     * Normalised content vectors, per component. The profile task gets a shopper's events from both
     * join subtasks, so an event can arrive after a newer one; it is then added with its own decay
     * instead of decaying the sum: the same value, rounded differently in float. Random orders of these
     * shoppers' events stay within 1.2e-6 of time order; the stream's, nearly in time order, within
     * about 6e-7.
     */
    private static final double CONTENT_TOLERANCE = 2e-6;

    /**
     * CF factors, relative to the factor's largest component. The stream's history holds the items in
     * the order they were touched, the evaluator's in index order, so the sums inside the solve run in
     * another order; they run in double and the factor is rounded to float, so it comes out equal or an
     * ulp or so apart.
     */
    private static final double CF_TOLERANCE = 1e-6;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path checkpoints;

    /** {@code recsys.shared.data}, else {@code ../../shared/data} from the module folder. */
    private static Path ratingsFile() {
        String base = System.getProperty("recsys.shared.data", "../../shared/data");
        return Path.of(base, "movielens-small", "ratings.csv");
    }

    /** One entry of a recent list; a rating's stars in {@code stars}. */
    private record Entry(String itemId, EventType type, long ts, Double stars) {
        static Entry of(RecentInteraction recent) {
            return new Entry(recent.itemId(), recent.type(), recent.ts(), recent.value());
        }

        static Entry of(InteractionEvent event) {
            return new Entry(event.itemId(), event.type(), event.ts(), event.value());
        }
    }

    @Test
    void streamJobVectorsEqualTheEvaluatorsOnASmallReplay() throws Exception {
        Path file = ratingsFile();
        Assumptions.assumeTrue(
                Files.isRegularFile(file),
                "MovieLens small not found at " + file.toAbsolutePath()
                        + " (set -Drecsys.shared.data=DIR to the folder holding movielens-small/); skipping");
        List<InteractionEvent> ratings = ExactlyOnceRestoreIT.readRatings(file);

        // A seeded choice of shoppers; their ratings stay in time order (ties in file order).
        Map<String, Long> sizes = ratings.stream()
                .collect(Collectors.groupingBy(InteractionEvent::userId, TreeMap::new, Collectors.counting()));
        List<String> eligible = new ArrayList<>(sizes.keySet());
        eligible.removeIf(user -> sizes.get(user) > ProfileConfig.CF_HISTORY_SIZE);
        Collections.shuffle(eligible, new Random(SEED));
        Set<String> shoppers = new TreeSet<>(eligible.subList(0, SHOPPERS));
        List<InteractionEvent> replay =
                ratings.stream().filter(e -> shoppers.contains(e.userId())).toList();
        Map<String, Long> expectedVersions = new TreeMap<>();
        replay.forEach(event -> expectedVersions.merge(event.userId(), 1L, Long::sum));

        // Items: seeded content vectors and CF factors, all of generation 1, and the model over all factors.
        List<String> itemIds = new ArrayList<>(
                new TreeSet<>(replay.stream().map(InteractionEvent::itemId).toList()));
        Random random = new Random(SEED);
        Map<String, ItemVectors> items = new HashMap<>();
        float[][] factors = new float[itemIds.size()][];
        for (int i = 0; i < itemIds.size(); i++) {
            String itemId = itemIds.get(i);
            float[] cf = new float[FACTORS];
            for (int j = 0; j < FACTORS; j++) {
                cf[j] = (float) (random.nextGaussian() * 0.3);
            }
            // Both sides use the vectors as the job reads them from the topic.
            ItemVectors item = ItemVectorsJson.parse(
                    ItemVectorsJson.write(new ItemVectors(itemId, 1, ExactlyOnceRestoreIT.itemVector(itemId), cf)));
            items.put(itemId, item);
            factors[i] = item.cf();
        }
        ImplicitAls.Config als = ImplicitAls.Config.defaults();
        CfModel model = CfModelJson.parse(CfModelJson.write(
                new CfModel(1, FACTORS, als.lambda(), als.alpha(), ImplicitFoldIn.gram(factors, FACTORS))));

        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        IngestJobOptions options = IngestJobOptions.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--group-id",
                "stream-matches-evaluator",
                "--parallelism",
                Integer.toString(PARALLELISM),
                "--starting-offsets",
                "earliest",
                "--item-stats-windows",
                "none",
                "--checkpoint-dir",
                checkpoints.toString());
        Map<String, UserVectors> stream;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props);
                UserVectorsTracker tracker = new UserVectorsTracker()) {
            // Items before the model, as the index service publishes a generation.
            for (ItemVectors item : items.values()) {
                producer.send(new ProducerRecord<>(Topics.ITEM_VECTORS, item.itemId(), ItemVectorsJson.write(item)));
            }
            producer.flush();
            producer.send(new ProducerRecord<>(Topics.CF_MODEL, "model", CfModelJson.write(model)))
                    .get();

            StreamExecutionEnvironment env = Environments.embedded(options);
            IngestJob.onKafka(options).build(env);
            JobClient job = env.executeAsync(IngestJob.NAME);
            try {
                awaitModelOnEverySubtask(
                        producer, tracker, job, itemIds.get(0), replay.get(0).ts());
                for (InteractionEvent event : replay) {
                    producer.send(new ProducerRecord<>(
                            Topics.INTERACTIONS, event.userId(), InteractionEventJson.write(event)));
                }
                producer.flush();
                tracker.awaitVersions(expectedVersions, job);
            } finally {
                cancel(job);
            }
            stream = tracker.highest();
        }

        // The evaluator on the same events: shoppers and items by index, in sorted id order.
        List<String> users = new ArrayList<>(shoppers);
        Map<String, Integer> userIndex = indexOf(users);
        Map<String, Integer> itemIndex = indexOf(itemIds);
        List<Interaction> train = replay.stream()
                .map(e -> new Interaction(
                        userIndex.get(e.userId()), itemIndex.get(e.itemId()), e.ts(), e.type(), e.value()))
                .toList();
        ProfileConfig config = ProfileConfig.defaults().withHalfLife(options.halfLife());
        TrainingData data = new TrainingData(users.size(), itemIds.size(), train, config);
        float[][] content = itemIds.stream().map(id -> items.get(id).content()).toArray(float[][]::new);
        Profiles profiles = new Profiles(data, itemIds, content, config);
        ImplicitFoldIn foldIn = model.foldIn().solver();

        Map<String, Map<String, InteractionEvent>> eventOf = new HashMap<>();
        replay.forEach(
                e -> eventOf.computeIfAbsent(e.userId(), u -> new HashMap<>()).put(e.itemId(), e));

        List<String> different = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            String userId = users.get(u);
            UserVectors actual = stream.get(userId);
            assertNotNull(actual, userId);
            if (actual.version() != expectedVersions.get(userId)) {
                different.add(userId + ": version " + actual.version() + ", events " + expectedVersions.get(userId));
            }

            double contentDiff = ExactlyOnceRestoreIT.maxDifference(actual.content(), profiles.content(u));
            if (contentDiff > CONTENT_TOLERANCE) {
                different.add(userId + ": content differs by " + contentDiff);
            }

            // Recent list. Profiles keeps no stars: a rating's stars are those of the shopper's event for
            // the item (a MovieLens shopper rates each film once). The order, equal times included, is the
            // list's own (by item id), not the order the parallel join delivers the events in.
            List<Entry> expectedRecent = new ArrayList<>();
            int[] recentItems = profiles.recentItems(u);
            EventType[] recentTypes = profiles.recentTypes(u);
            long[] recentTs = profiles.recentTs(u);
            for (int r = 0; r < recentItems.length; r++) {
                InteractionEvent event = eventOf.get(userId).get(itemIds.get(recentItems[r]));
                assertEquals(recentTypes[r], event.type());
                assertEquals(recentTs[r], event.ts());
                expectedRecent.add(Entry.of(event));
            }
            List<Entry> actualRecent = actual.recent().stream().map(Entry::of).toList();
            if (!actualRecent.equals(expectedRecent)) {
                different.add(userId + ": recent " + actualRecent + ", evaluator " + expectedRecent);
            }

            // CF: the fold-in of Scorers.als, from the summed weights of the training matrix.
            RatingMatrix matrix = data.matrix();
            int[] its = matrix.itemsOf(u);
            float[] weights = matrix.weightsOf(u);
            float[][] y = new float[its.length][];
            double[] w = new double[its.length];
            for (int n = 0; n < its.length; n++) {
                y[n] = factors[its[n]];
                w[n] = weights[n];
            }
            float[] expectedCf = foldIn.solve(y, w);
            double cfDiff = actual.cf() == null
                    ? Double.POSITIVE_INFINITY
                    : ExactlyOnceRestoreIT.maxDifference(actual.cf(), expectedCf) / maxAbs(expectedCf);
            if (cfDiff > CF_TOLERANCE) {
                different.add(userId + ": cf differs by " + cfDiff + " (relative), stream "
                        + (actual.cf() == null ? "none" : Arrays.toString(actual.cf())) + ", evaluator "
                        + Arrays.toString(expectedCf));
            }
        }
        assertEquals(List.of(), different, replay.size() + " events of " + users.size() + " shoppers");
    }

    /**
     * Sends probe events until every probe shopper's vectors have a CF factor. The model is broadcast
     * state that each profile subtask receives on its own, so a probe only shows that its own subtask
     * has it: the probes must land on every subtask, which is checked with Flink's key-group
     * assignment (the job's parallelism, default max parallelism). A probe is sent again only once its
     * previous event has been applied.
     */
    private static void awaitModelOnEverySubtask(
            KafkaProducer<String, String> producer, UserVectorsTracker tracker, JobClient job, String itemId, long ts)
            throws Exception {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        List<String> probes = new ArrayList<>();
        Set<Integer> subtasks = new TreeSet<>();
        for (int i = 0; i < PROBES; i++) {
            String probe = "probe-" + i;
            probes.add(probe);
            subtasks.add(KeyGroupRangeAssignment.assignKeyToParallelOperator(probe, maxParallelism, PARALLELISM));
        }
        assertEquals(PARALLELISM, subtasks.size(), "probe shoppers on subtasks " + subtasks);

        Map<String, Long> sent = new TreeMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> waiting = new TreeSet<>(probes);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("probe shoppers without a CF factor after " + TIMEOUT + ": " + waiting);
            }
            for (String probe : waiting) {
                long n = sent.merge(probe, 1L, Long::sum);
                // Before the replay's first event, so the probes never move the watermark past it.
                InteractionEvent event = new InteractionEvent(
                        probe + "-" + n, probe, itemId, EventType.VIEW, ts - 3_600_000 + n, null, null, null);
                producer.send(new ProducerRecord<>(Topics.INTERACTIONS, probe, InteractionEventJson.write(event)));
            }
            producer.flush();
            Map<String, Long> expected = new TreeMap<>();
            waiting.forEach(probe -> expected.put(probe, sent.get(probe)));
            tracker.awaitVersions(expected, job);
            waiting.removeIf(probe -> tracker.highest().get(probe).cf() != null);
        }
    }

    private static <T> Map<T, Integer> indexOf(List<T> values) {
        Map<T, Integer> index = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        return index;
    }

    private static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // A cancelled job ends with a "job was cancelled" failure.
        }
    }

    /** Reads {@code user-vectors} from the start and keeps the highest version per shopper. */
    private static final class UserVectorsTracker implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, UserVectors> highest = new TreeMap<>();

        UserVectorsTracker() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USER_VECTORS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads until every shopper has reached the given version; fails after {@link #TIMEOUT}. */
        void awaitVersions(Map<String, Long> expected, JobClient job) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reached(expected)) {
                if (System.nanoTime() > deadline) {
                    long done = expected.keySet().stream()
                            .filter(user -> highest.containsKey(user))
                            .filter(user -> highest.get(user).version() >= expected.get(user))
                            .count();
                    throw new AssertionError(done + " of " + expected.size() + " shoppers complete after " + TIMEOUT);
                }
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    throw new AssertionError(
                            "the job stopped: " + job.getJobStatus().get());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    UserVectors user = UserVectorsJson.parse(record.value());
                    highest.merge(user.userId(), user, (a, b) -> b.version() > a.version() ? b : a);
                }
            }
        }

        private boolean reached(Map<String, Long> expected) {
            return expected.entrySet().stream().allMatch(e -> {
                UserVectors user = highest.get(e.getKey());
                return user != null && user.version() >= e.getValue();
            });
        }

        Map<String, UserVectors> highest() {
            return highest;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
