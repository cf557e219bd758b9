package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.ErasureJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recsys train} from the interactions topic leaves out erased shoppers: the erasures topic is
 * written here as {@code DELETE /v1/admin/users/{id}} writes it. Eight shoppers share ten items; an
 * erased shopper also touched five items nobody else did, and after the erasure one more.
 */
class TrainErasureIT {
    private static final long NOW = System.currentTimeMillis();
    private static final long ERASED_AT = NOW - 60_000;
    private static final int GROUP_ITEMS = 10;
    private static final List<String> ONLY_THE_ERASED = List.of("item-150", "item-151", "item-152", "item-153");
    private static final String AFTER_THE_ERASURE = "item-160";
    private static final String BETWEEN_TWO_ERASURES = "item-170";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static final Set<String> groupItems = new TreeSet<>();
    private static int eventId;

    @BeforeAll
    static void produceTheLog() throws Exception {
        Random random = new Random(5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            for (int u = 0; u < 8; u++) {
                for (int e = 0; e < 6; e++) {
                    String item = "item-" + random.nextInt(GROUP_ITEMS);
                    groupItems.add(item);
                    event(producer, "g-" + u, item, NOW - 3_600_000 + e);
                }
            }
            // The erased shopper: items of the group and items only they touched, all before the erasure ...
            for (String item : List.of("item-0", "item-1", "item-2")) {
                event(producer, "t-erased", item, ERASED_AT - 1_000);
            }
            for (String item : ONLY_THE_ERASED) {
                event(producer, "t-erased", item, ERASED_AT - 500);
            }
            event(producer, "t-erased", "item-154", ERASED_AT); // at the erasure time: erased too
            erasure(producer, "t-erased", new Erasure("t-erased", ERASED_AT));
            // ... and a new shopper under the same id afterwards.
            event(producer, "t-erased", AFTER_THE_ERASURE, ERASED_AT + 1);
            // Erased twice: the later erasure counts.
            erasure(producer, "t-twice", new Erasure("t-twice", ERASED_AT - 10_000));
            event(producer, "t-twice", BETWEEN_TWO_ERASURES, ERASED_AT - 5_000);
            erasure(producer, "t-twice", new Erasure("t-twice", ERASED_AT));
            // An erasure filed under another shopper's key names no one.
            erasure(producer, "g-0", new Erasure("someone-else", ERASED_AT));
            producer.flush();
        }
    }

    private static void event(KafkaProducer<String, String> producer, String user, String item, long ts)
            throws Exception {
        InteractionEvent event = InteractionEvent.of("e-" + eventId++, user, item, EventType.PURCHASE, ts);
        producer.send(new ProducerRecord<>(Topics.INTERACTIONS, user, InteractionEventJson.write(event)))
                .get(30, TimeUnit.SECONDS);
    }

    private static void erasure(KafkaProducer<String, String> producer, String key, Erasure erasure) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ERASURES, key, ErasureJson.write(erasure)))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void theReaderLeavesOutAndCountsEveryEventOfAnErasedShopperUpToTheErasure() {
        List<String> warnings = new ArrayList<>();
        InteractionTopicReader.Result read = InteractionTopicReader.read(
                KafkaSettings.of(kafka.bootstrapServers()),
                Topics.INTERACTIONS,
                Topics.ERASURES,
                Duration.ofSeconds(30),
                warnings::add);

        assertEquals(8 * 6 + 3 + ONLY_THE_ERASED.size() + 1 + 1 + 1, read.records());
        assertEquals(3 + ONLY_THE_ERASED.size() + 1 + 1, read.erased());
        assertEquals(2, read.erasures(), "t-erased and t-twice; the misfiled record is skipped");
        assertEquals(0, read.malformed());
        assertTrue(
                warnings.stream().anyMatch(w -> w.startsWith(Topics.ERASURES) && w.contains("key")),
                warnings.toString());
        Set<String> items = new TreeSet<>(groupItems);
        items.add(AFTER_THE_ERASURE);
        assertEquals(List.copyOf(items), read.dataset().itemIds());
        assertTrue(read.dataset().userIds().contains("t-erased"), "the shopper after the erasure is kept");
        assertFalse(read.dataset().userIds().contains("t-twice"));
    }

    @Test
    void theTrainedFactorsAndNeighbourListsHoldNothingOfTheErasedShoppers() throws Exception {
        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCli.run(
                new String[] {
                    "--bootstrap-servers", kafka.bootstrapServers(),
                    "--factors", "4",
                    "--iterations", "4",
                    "--lambda", "1",
                    "--alpha", "2",
                    "--threads", "1",
                    "--seed", "7",
                    "--neighbours", "10",
                    "--out", out.toString()
                },
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, log);
        assertTrue(log.contains("; 9 erased (events of the 2 erased shoppers up to their erasure) left out"), log);
        assertTrue(log.contains("9 shoppers x " + (groupItems.size() + 1) + " items"), log);

        Set<String> factors = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (String line : Files.readAllLines(out.resolve(CfFactorsReader.ITEMS_FILE))) {
            JsonNode item = Json.MAPPER.readTree(line);
            factors.add(item.path("itemId").asText());
            item.path("neighbours").forEach(n -> named.add(n.asText()));
        }
        assertTrue(factors.contains(AFTER_THE_ERASURE), "the shopper's new life is trained");
        assertTrue(factors.containsAll(groupItems));
        assertFalse(named.isEmpty(), "neighbour lists were written");
        for (String erased :
                List.of("item-150", "item-151", "item-152", "item-153", "item-154", BETWEEN_TWO_ERASURES)) {
            assertFalse(factors.contains(erased), erased + " has a factor");
            assertFalse(named.contains(erased), erased + " is someone's neighbour");
        }
    }

    @Test
    void withoutTheErasuresTopicTrainingRefusesToRun() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> InteractionTopicReader.read(
                        KafkaSettings.of(kafka.bootstrapServers()),
                        Topics.INTERACTIONS,
                        "no-such-erasures",
                        Duration.ofSeconds(10),
                        line -> {}));
        assertTrue(e.getMessage().contains("no-such-erasures") && e.getMessage().contains("erased"), e.getMessage());
    }
}
