package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.index.IndexService;
import dev.recsys.index.ServiceConfig;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.ReindexJob;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.json.UserVectorsJson;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.profile.UserProfile;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.Topics;
import dev.recsys.ranker.records.UserVectors;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recsys train} from the interactions topic, made live on a running service: a real broker, the
 * whole service over HTTP, real Lucene generations. Shoppers come in two groups, each touching only
 * its own 20 items, so the trained factors have something to learn.
 */
class TrainPublishIT {
    private static final String TOKEN = "train-test-token";
    private static final int SHOPPERS = 30;
    private static final int GROUP_ITEMS = 20;

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static IndexService service;
    private static String base;
    private static List<CatalogItem> items;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        items = SampleCatalog.generate(200, 3);
        Path catalog = dir.resolve("catalog.jsonl");
        CatalogFile.write(catalog, items);
        service = new IndexService(ServiceConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--catalog",
                catalog.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--admin-token",
                TOKEN));
        service.start();
        assertTrue(service.awaitReady(Duration.ofSeconds(60)), "not ready: " + service.missing());
        base = "http://127.0.0.1:" + service.httpPort();
        produceInteractions();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** Two groups of shoppers on two groups of items; plus 3 malformed records and a repeated eventId. */
    private static void produceInteractions() throws Exception {
        Random random = new Random(11);
        long now = System.currentTimeMillis();
        EventType[] types = {EventType.VIEW, EventType.CLICK, EventType.ADD_TO_CART, EventType.PURCHASE};
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerProperties())) {
            int n = 0;
            for (int u = 0; u < SHOPPERS; u++) {
                String user = "shopper-" + u;
                int group = u % 2;
                for (int e = 0; e < 8; e++) {
                    CatalogItem item = items.get(group * GROUP_ITEMS + random.nextInt(GROUP_ITEMS));
                    InteractionEvent event = InteractionEvent.of(
                            "e-" + n++, user, item.itemId(), types[random.nextInt(types.length)], now - 60_000 + n);
                    producer.send(new ProducerRecord<>(Topics.INTERACTIONS, user, InteractionEventJson.write(event)));
                }
            }
            producer.send(new ProducerRecord<>(Topics.INTERACTIONS, "x", "not json"));
            producer.send(new ProducerRecord<>(
                    Topics.INTERACTIONS,
                    "x",
                    "{\"eventId\":\"bad-1\",\"userId\":\"x\",\"itemId\":\"p\",\"type\":\"teleport\",\"ts\":" + now
                            + "}"));
            producer.send(new ProducerRecord<>(
                    Topics.INTERACTIONS,
                    "x",
                    "{\"eventId\":\"bad-2\",\"userId\":\"x\",\"itemId\":\"p\",\"type\":\"view\",\"ts\":1700000000}"));
            producer.send(new ProducerRecord<>(
                    Topics.INTERACTIONS,
                    "shopper-0",
                    InteractionEventJson.write(
                            InteractionEvent.of("e-0", "shopper-0", items.get(0).itemId(), EventType.VIEW, now))));
            producer.flush();
        }
    }

    private static String[] trainArgs(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--factors",
                "8",
                "--iterations",
                "8",
                "--lambda",
                "1",
                "--alpha",
                "2",
                "--threads",
                "2",
                "--seed",
                "7",
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private record Run(int status, String out, String err) {}

    private static Run train(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TrainCli.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainingFromTheTopicSkipsBadRecordsAndIsDeterministic() throws Exception {
        Run first = train(trainArgs(dir.resolve("a")));
        Run second = train(trainArgs(dir.resolve("b")));
        assertEquals(0, first.status(), first.err());
        assertTrue(first.err().contains("3 malformed and 1 repeated eventIds skipped"), first.err());
        assertTrue(first.err().contains("field 'type'"), first.err());
        assertTrue(first.err().contains("field 'ts'"), first.err());
        assertTrue(first.err().contains(SHOPPERS + " shoppers x " + 2 * GROUP_ITEMS + " items"), first.err());
        for (String file : List.of(CfFactorsReader.ITEMS_FILE, CfFactorsReader.MODEL_FILE)) {
            assertEquals(
                    -1L,
                    Files.mismatch(
                            dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)),
                    file + " differs between two runs on the same log");
        }
    }

    @Test
    void trainAndPublishMakesTheFactorsLiveAndFeedsUseThem() throws Exception {
        long before = service.catalog().generation();
        Path out = dir.resolve("published");
        Run run = train(trainArgs(out, "--server", base, "--token", TOKEN));
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("succeeded"), run.out());

        CfFactors trained = CfFactorsReader.readDirectory(out, "--out");
        long generation = service.catalog().generation();
        assertTrue(generation > before, "a new generation is live");
        assertEquals(2 * GROUP_ITEMS, trained.items().size());
        String untrained = items.get(150).itemId();
        try (CatalogLease lease = service.catalog().acquire()) {
            assertEquals(items.size(), lease.index().size(), "the live catalog was rebuilt whole");
            for (Map.Entry<String, float[]> factor : trained.items().entrySet()) {
                assertArrayEquals(factor.getValue(), lease.index().cfVector(factor.getKey()), factor.getKey());
            }
            assertNull(lease.index().cfVector(untrained), "no interaction, no CF vector");
        }

        // The item neighbour lists came with the factors and are stored in the generation; a shopper whose
        // recent list holds an item gets its neighbours, explained by it.
        assertNotNull(trained.neighbours(), "train ships neighbour lists by default");
        Path lists = service.reindexer().store().neighboursFile(generation);
        NeighbourFile stored = NeighbourFile.open(lists);
        assertEquals(trained.neighbours().lists(), stored.lists());
        String viewed = items.stream()
                .map(CatalogItem::itemId)
                .filter(stored::hasList)
                .findFirst()
                .orElseThrow();
        Set<String> neighboursOfViewed = neighbours(stored, viewed);
        String recentShopper = "recent-shopper";
        int dimension;
        try (CatalogLease lease = service.catalog().acquire()) {
            dimension = lease.index().dimension();
        }
        kafka.produce(
                Topics.USER_VECTORS,
                recentShopper,
                UserVectorsJson.write(new UserVectors(
                        recentShopper,
                        1,
                        System.currentTimeMillis(),
                        System.currentTimeMillis(),
                        new float[dimension],
                        null,
                        List.of(new RecentInteraction(viewed, EventType.VIEW, System.currentTimeMillis())),
                        Map.of("view", 1L))));
        awaitShopper(recentShopper);
        assertRecentNeighbours(recentShopper, viewed, neighboursOfViewed);

        // item-vectors: the newest record per item carries the live generation and, when trained, its factor.
        Map<String, ItemVectors> vectors = latestItemVectors();
        for (CatalogItem item : items) {
            ItemVectors v = vectors.get(item.itemId());
            assertEquals(generation, v.generation(), item.itemId());
            float[] factor = trained.factor(item.itemId());
            if (factor == null) {
                assertNull(v.cf(), item.itemId());
            } else {
                assertArrayEquals(factor, v.cf(), item.itemId());
            }
        }
        // cf-model: the model of exactly that generation.
        CfModel model = latestModel();
        assertEquals(generation, model.generation());
        assertEquals(8, model.factors());
        assertArrayEquals(trained.model().yty(), model.yty());

        // A shopper folded into that model by the ranker's code (as the stream job does) gets CF candidates.
        String shopper = "cf-shopper";
        ProfileUpdater updater = new ProfileUpdater(ProfileConfig.defaults());
        UserProfile profile = null;
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            ItemVectors item = vectors.get(items.get(i).itemId());
            InteractionEvent event =
                    InteractionEvent.of("cf-" + i, shopper, item.itemId(), EventType.PURCHASE, now - 1000 + i);
            profile = updater.apply(profile, event, item, model.foldIn(), now);
        }
        assertNotNull(profile.cf(), "folded into the model");
        kafka.produce(Topics.USER_VECTORS, shopper, UserVectorsJson.write(ProfileUpdater.toUserVectors(profile)));
        awaitShopper(shopper);
        JsonNode feed = get("/v1/feed?user=" + shopper + "&k=30&explain=true");
        boolean cfCandidate = false;
        for (JsonNode item : feed.path("items")) {
            for (JsonNode origin : item.path("origins")) {
                cfCandidate |= origin.asText().equals("knn-cf");
            }
        }
        assertTrue(cfCandidate, "no knn-cf candidate in " + feed);

        // A catalog update keeps the item's factor, in the index and in item-vectors.
        CatalogItem first = items.get(0);
        kafka.produce(
                Topics.CATALOG,
                first.itemId(),
                CatalogItemJson.write(new CatalogItem(
                        first.itemId(),
                        first.title(),
                        first.description(),
                        first.category(),
                        first.brand(),
                        first.tags(),
                        first.sellerId(),
                        first.sellerTier(),
                        first.price() + 1,
                        first.inStock(),
                        first.createdAt(),
                        first.attributes())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (CatalogLease lease = service.catalog().acquire()) {
                if (lease.index().item(first.itemId()).orElseThrow().price() == first.price() + 1) {
                    assertArrayEquals(
                            trained.factor(first.itemId()), lease.index().cfVector(first.itemId()));
                    break;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the catalog update was not applied");
            Thread.sleep(50);
        }
        assertArrayEquals(
                trained.factor(first.itemId()),
                latestItemVectors().get(first.itemId()).cf());

        // A rebuild without new factors keeps them, under the new generation's number.
        JsonNode started = post("/v1/admin/reindex", "application/json", "{\"format\":\"live\"}");
        ReindexJob job = awaitJob(started.path("job").asText());
        assertEquals(ReindexJob.Phase.SUCCEEDED, job.phase(), job.failure());
        assertTrue(job.cf().contains("carried over"), job.cf());
        assertTrue(job.cf().contains("neighbours for"), job.cf());
        assertEquals(job.generation(), service.catalog().generation());
        assertEquals(
                -1L,
                Files.mismatch(lists, service.reindexer().store().neighboursFile(job.generation())),
                "the neighbour lists are carried over as they are");
        assertRecentNeighbours(recentShopper, viewed, neighboursOfViewed);
        try (CatalogLease lease = service.catalog().acquire()) {
            assertArrayEquals(
                    trained.factor(items.get(5).itemId()),
                    lease.index().cfVector(items.get(5).itemId()));
        }
        assertEquals(job.generation(), latestModel().generation());
        assertEquals(
                job.generation(), latestItemVectors().get(items.get(5).itemId()).generation());
    }

    @Test
    void theSequenceModelGoesLiveWithItsGenerationFeedsUseItAndARebuildCarriesItOver() throws Exception {
        Path out = dir.resolve("sequence");
        Run run = train(
                trainArgs(out, "--model", "sequence", "--sequence-epochs", "30", "--server", base, "--token", TOKEN));
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("succeeded"), run.out());
        SequenceModelFile trained = SequenceModelJson.parse(Files.readString(out.resolve(TrainCli.SEQUENCE_FILE)));
        long generation = service.catalog().generation();
        java.util.regex.Matcher started =
                java.util.regex.Pattern.compile("reindex: job (\\S+) started").matcher(run.err());
        assertTrue(started.find(), run.err());
        ReindexJob job = service.reindexer().job(started.group(1)).orElseThrow();
        assertEquals(generation, job.generation());
        assertTrue(job.sequence().startsWith("sequence model: 40 items, 64 dimensions"), job.sequence());
        assertEquals(2 * GROUP_ITEMS, job.seqItems());
        Map<String, Integer> modelIds = trained.modelIds();
        java.util.function.Function<String, float[]> modelVector =
                itemId -> modelIds.containsKey(itemId) ? trained.weights().items()[modelIds.get(itemId)] : null;
        try (CatalogLease lease = service.catalog().acquire()) {
            assertEquals(64, lease.index().seqDimension());
            for (String itemId : trained.itemIds()) {
                assertArrayEquals(modelVector.apply(itemId), lease.index().seqVector(itemId), itemId);
            }
            assertNull(lease.index().seqVector(items.get(150).itemId()), "an item the model never saw has none");
        }

        // A shopper with three recent items the model knows: the model proposes and scores, and says so.
        long now = System.currentTimeMillis();
        List<RecentInteraction> recent = List.of(
                new RecentInteraction(items.get(2).itemId(), EventType.PURCHASE, now),
                new RecentInteraction(items.get(4).itemId(), EventType.CLICK, now - 1000),
                new RecentInteraction(items.get(6).itemId(), EventType.VIEW, now - 2000));
        produceShopper("seq-shopper", recent);
        JsonNode feed = get("/v1/feed?user=seq-shopper&k=30&explain=true&w.seq=2");
        assertTrue(
                feed.path("sources").toString().contains("\"seq\""),
                feed.path("sources").toString());
        boolean proposed = false;
        int explainedByModel = 0;
        for (JsonNode item : feed.path("items")) {
            proposed |= item.path("origins").toString().contains("\"knn-seq\"");
            assertTrue(
                    item.path("scoreParts").has("seq")
                            || modelVector.apply(item.path("itemId").asText()) == null,
                    "an item the model knows is scored by it: " + item);
            JsonNode parts = item.path("scoreParts");
            double seq = parts.path("seq").asDouble(0);
            boolean led = seq > 0;
            for (String other : List.of("content", "cf", "recent", "shoppers")) {
                led &= parts.path(other).asDouble(0) <= seq;
            }
            for (JsonNode because : item.path("because")) {
                assertEquals(led, because.path("basis").asText().equals("sequence-model"), item.toString());
                explainedByModel += led ? 1 : 0;
            }
        }
        assertTrue(proposed, "no knn-seq candidate in " + feed);
        assertTrue(explainedByModel > 0, "no item the model lifted most is explained by it: " + feed);

        // Weighed at 0, the model takes no part.
        JsonNode off = get("/v1/feed?user=seq-shopper&k=30&explain=true&w.seq=0");
        assertFalse(off.path("sources").toString().contains("\"seq\""), off.toString());
        assertFalse(off.toString().contains("knn-seq"), off.toString());

        // One recent item is no sequence: the feed works without the model and says so.
        produceShopper("one-item-shopper", recent.subList(0, 1));
        JsonNode single = get("/v1/feed?user=one-item-shopper&k=30&explain=true");
        assertFalse(single.path("sources").toString().contains("\"seq\""), single.toString());
        assertFalse(single.toString().contains("knn-seq"), single.toString());

        // A rebuild without a new model keeps it.
        JsonNode again = post("/v1/admin/reindex", "application/json", "{\"format\":\"live\"}");
        ReindexJob rebuilt = awaitJob(again.path("job").asText());
        assertEquals(ReindexJob.Phase.SUCCEEDED, rebuilt.phase(), rebuilt.failure());
        assertTrue(rebuilt.sequence().contains("carried over from generation " + generation), rebuilt.sequence());
        try (CatalogLease lease = service.catalog().acquire()) {
            assertEquals(rebuilt.generation(), lease.index().generation());
            String itemId = trained.itemIds().get(3);
            assertArrayEquals(modelVector.apply(itemId), lease.index().seqVector(itemId));
        }
        assertTrue(
                get("/v1/feed?user=seq-shopper&k=30").path("sources").toString().contains("\"seq\""));
    }

    /** Publishes a shopper's vectors with only a recent list, and waits for the service to hold them. */
    private static void produceShopper(String shopper, List<RecentInteraction> recent) throws Exception {
        int dimension;
        try (CatalogLease lease = service.catalog().acquire()) {
            dimension = lease.index().dimension();
        }
        kafka.produce(
                Topics.USER_VECTORS,
                shopper,
                UserVectorsJson.write(new UserVectors(
                        shopper,
                        1,
                        System.currentTimeMillis(),
                        System.currentTimeMillis(),
                        new float[dimension],
                        null,
                        recent,
                        Map.of("view", 1L))));
        awaitShopper(shopper);
    }

    @Test
    void badFactorsAreRefusedNamingTheFieldAndLine() throws Exception {
        HttpResponse<String> missing = send(
                "/v1/admin/reindex",
                "application/json",
                "{\"format\":\"live\",\"cfFactors\":\"" + dir.resolve("nowhere") + "\"}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals(
                "cfFactors", Json.MAPPER.readTree(missing.body()).path("field").asText());

        String model = "{\"factors\":2,\"lambda\":1,\"alpha\":1,\"yty\":[1,0,0,1]}";
        HttpResponse<String> shortFactor = send(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\"}\n" + model
                        + "\n{\"itemId\":\"a\",\"cf\":[1,2]}\n{\"itemId\":\"b\",\"cf\":[1]}\n");
        assertEquals(400, shortFactor.statusCode(), shortFactor.body());
        JsonNode answer = Json.MAPPER.readTree(shortFactor.body());
        assertEquals("cf", answer.path("field").asText());
        assertTrue(answer.path("message").asText().startsWith("line 4:"), answer.toString());

        HttpResponse<String> badSimilarity = send(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\"}\n" + model
                        + "\n{\"itemId\":\"a\",\"cf\":[1,2],\"neighbours\":[\"b\"],\"similarities\":[1.5]}\n");
        assertEquals(400, badSimilarity.statusCode(), badSimilarity.body());
        JsonNode similarity = Json.MAPPER.readTree(badSimilarity.body());
        assertEquals("similarities", similarity.path("field").asText());
        assertTrue(similarity.path("message").asText().startsWith("line 3:"), similarity.toString());

        HttpResponse<String> itself = send(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\"}\n" + model + "\n{\"itemId\":\"a\",\"cf\":[1,2]}\n"
                        + "{\"itemId\":\"b\",\"cf\":[1,2],\"neighbours\":[\"a\",\"b\"],\"similarities\":[0.5,0.4]}\n");
        assertEquals(400, itself.statusCode(), itself.body());
        JsonNode self = Json.MAPPER.readTree(itself.body());
        assertEquals("neighbours", self.path("field").asText());
        assertTrue(self.path("message").asText().startsWith("line 4:"), self.toString());

        HttpResponse<String> badOptions = send(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\",\"source\":\"/x\"}\n" + model + "\n");
        assertEquals(400, badOptions.statusCode(), badOptions.body());
        assertEquals(
                "source", Json.MAPPER.readTree(badOptions.body()).path("field").asText());

        HttpResponse<String> badSequence = send(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\",\"sequenceModel\":true}\n{\"format\":2}\n");
        assertEquals(400, badSequence.statusCode(), badSequence.body());
        JsonNode sequence = Json.MAPPER.readTree(badSequence.body());
        assertEquals("sequenceModel", sequence.path("field").asText());
        assertTrue(
                sequence.path("message").asText().startsWith("line 2: sequence model field 'format'"),
                sequence.toString());

        // Factors of items the catalog does not have: the gate fails the job, the live generation stays.
        long live = service.catalog().generation();
        JsonNode started = post(
                "/v1/admin/reindex",
                "application/x-ndjson",
                "{\"format\":\"live\"}\n" + model + "\n{\"itemId\":\"not-in-catalog\",\"cf\":[1,2]}\n");
        ReindexJob job = awaitJob(started.path("job").asText());
        assertEquals(ReindexJob.Phase.FAILED, job.phase());
        assertTrue(job.failure().contains("none of the 1 CF factors"), job.failure());
        assertEquals(live, service.catalog().generation());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Set<String> neighbours(NeighbourFile file, String itemId) {
        int item = file.indexOf(itemId);
        Set<String> out = new java.util.HashSet<>();
        for (int n = 0; n < file.neighbourCount(item); n++) {
            out.add(file.itemId(file.neighbour(item, n)));
        }
        return out;
    }

    /** The shopper's feed holds recent-neighbours candidates, each a neighbour of {@code viewed} explained by it. */
    private static void assertRecentNeighbours(String shopper, String viewed, Set<String> neighboursOfViewed)
            throws Exception {
        JsonNode feed = get("/v1/feed?user=" + shopper + "&k=30&explain=true");
        assertTrue(!feed.path("coldStart").asBoolean(), feed.toString());
        int proposed = 0;
        for (JsonNode item : feed.path("items")) {
            boolean recent = false;
            for (JsonNode origin : item.path("origins")) {
                recent |= origin.asText().equals("recent-neighbours");
            }
            if (recent) {
                proposed++;
                String itemId = item.path("itemId").asText();
                assertTrue(neighboursOfViewed.contains(itemId), itemId + " is no neighbour of " + viewed);
                assertEquals(viewed, item.path("because").path(0).path("itemId").asText(), item.toString());
                assertEquals("view", item.path("because").path(0).path("type").asText(), item.toString());
            }
        }
        assertTrue(proposed > 0, "no recent-neighbours candidate in " + feed);
    }

    private static Map<String, ItemVectors> latestItemVectors() {
        Map<String, ItemVectors> latest = new HashMap<>();
        for (ConsumerRecord<String, String> record : kafka.consume(Topics.ITEM_VECTORS, 0, Duration.ofSeconds(30))) {
            if (record.value() != null) {
                ItemVectors v = ItemVectorsJson.parse(record.value());
                latest.merge(v.itemId(), v, (a, b) -> b.generation() >= a.generation() ? b : a);
            }
        }
        return latest;
    }

    private static CfModel latestModel() {
        List<ConsumerRecord<String, String>> records = kafka.consume(Topics.CF_MODEL, 1, Duration.ofSeconds(30));
        ConsumerRecord<String, String> last = records.getLast();
        assertEquals(Topics.CF_MODEL_KEY, last.key());
        return CfModelJson.parse(last.value());
    }

    private static void awaitShopper(String shopper) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.users().get(shopper).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the shopper's vectors did not arrive");
            Thread.sleep(50);
        }
    }

    private static ReindexJob awaitJob(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ReindexJob job = service.reindexer().job(id).orElseThrow();
            if (job.finished()) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "job did not finish: " + job);
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> send(String path, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode post(String path, String type, String body) throws Exception {
        HttpResponse<String> response = send(path, type, body);
        assertEquals(202, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
