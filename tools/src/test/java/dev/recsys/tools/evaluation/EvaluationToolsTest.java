package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.cli.Cli;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitAls;
import dev.recsys.ranker.eval.Evaluator;
import dev.recsys.ranker.eval.Interaction;
import dev.recsys.ranker.eval.ItemKnn;
import dev.recsys.ranker.eval.OfflineEvaluation;
import dev.recsys.ranker.eval.TrainingData;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationToolsTest {
    @TempDir
    Path dir;

    private Path catalog(String... ids) throws IOException {
        return catalog(dir, ids);
    }

    /** A catalog file {@code dir/catalog.jsonl} of one plain kitchen item per id. */
    static Path catalog(Path dir, String... ids) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            lines.add(CatalogItemJson.write(new CatalogItem(
                    id,
                    "Item " + id,
                    "a thing",
                    "home>kitchen",
                    "acme",
                    List.of("steel"),
                    "s1",
                    null,
                    9.5,
                    true,
                    Instant.parse("2024-01-01T00:00:00Z"),
                    Map.of())));
        }
        Path file = dir.resolve("catalog.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void malformedRowsAreReportedByLineAndUnknownItemsCounted() throws IOException {
        Path catalog = catalog("a", "b");
        Path csv = dir.resolve("events.csv");
        Files.writeString(
                csv,
                String.join(
                        "\n",
                        "user,item,ts,type,rating",
                        "u1,a,1000,view,",
                        "u1,b,2024-01-01T00:00:00Z,,4.5",
                        "u2,a,notatime,view,",
                        "u2,zzz,3000,view,",
                        "u2,b,4000,teleport,",
                        "u2,b,5000,purchase",
                        ""),
                StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        EvaluationData data = EvaluationData.csv(csv, catalog, 10, warnings::add);
        assertEquals(2, data.dataset().interactions().size());
        assertEquals(3, data.report().malformed());
        assertEquals(1, data.report().unknownItems());
        assertEquals(List.of("zzz"), data.report().unknownItemIds());
        assertTrue(warnings.get(0).startsWith("line 4:"), warnings.toString());
        assertTrue(warnings.get(1).startsWith("line 6:") && warnings.get(1).contains("teleport"), warnings.toString());
        assertTrue(warnings.get(2).startsWith("line 7:"), warnings.toString());
        Interaction rated = data.dataset().interactions().get(1);
        assertEquals(EventType.RATE, rated.type());
        assertEquals(4.5, rated.value());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(), rated.ts());
        float[][] content = ContentEmbeddings.hashed(data.items()).content().vectors();
        assertEquals(2, content.length);
        assertEquals(EvaluationData.DIMENSION, content[0].length);
    }

    @Test
    void instacartBasketsAreShoppersWhoseHistoryIsTheCartOrder() throws IOException {
        Path folder = dir.resolve("instacart-products");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("aisles.csv"), "aisle_id,aisle\n1,fresh fruits\n");
        Files.writeString(folder.resolve("departments.csv"), "department_id,department\n1,produce\n");
        Files.writeString(
                folder.resolve("products.csv"),
                "product_id,product_name,aisle_id,department_id\n1,Banana,1,1\n2,Lemon,1,1\n3,Lime,1,1\n");
        Files.writeString(
                folder.resolve(EvaluationData.INSTACART_BASKETS),
                String.join(
                        "\n",
                        "order_id,product_id,add_to_cart_order,reordered",
                        "7,2,1,0",
                        "7,1,2,1",
                        "7,99,3,0",
                        "8,3,first,0",
                        "8,3,1,0",
                        ""));
        List<String> warnings = new ArrayList<>();
        EvaluationData data = EvaluationData.instacartBaskets(folder, 10, warnings::add);
        assertEquals(List.of("order-7", "order-8"), data.dataset().userIds());
        assertEquals(3, data.dataset().items(), "the whole catalog, bought or not");
        assertEquals(1, data.report().malformed());
        assertTrue(warnings.get(0).startsWith("line 5:"), warnings.toString());
        assertEquals(List.of("ic-99"), data.report().unknownItemIds());
        List<Interaction> interactions = data.dataset().interactions();
        assertEquals(3, interactions.size());
        Interaction second = interactions.get(1);
        assertEquals("ic-1", data.dataset().itemIds().get(second.item()));
        assertEquals(2, second.ts(), "the place in the cart");
        assertEquals(EventType.PURCHASE, second.type());
        assertThrows(
                EvaluationData.LoadException.class,
                () -> EvaluationData.instacartBaskets(dir.resolve("nowhere"), 10, line -> {}));
    }

    @Test
    void tooManyMalformedRowsStopTheLoad() throws IOException {
        Path catalog = catalog("a");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "user,item,ts\nu,a,x\nu,a,y\nu,a,z\n", StandardCharsets.UTF_8);
        EvaluationData.LoadException e =
                assertThrows(EvaluationData.LoadException.class, () -> EvaluationData.csv(csv, catalog, 2, line -> {}));
        assertTrue(e.getMessage().contains("--max-errors"), e.getMessage());
    }

    @Test
    void headerWithoutRequiredColumnsIsRejected() throws IOException {
        Path catalog = catalog("a");
        Path csv = dir.resolve("nohead.csv");
        Files.writeString(csv, "who,what\nu,a\n", StandardCharsets.UTF_8);
        EvaluationData.LoadException e =
                assertThrows(EvaluationData.LoadException.class, () -> EvaluationData.csv(csv, catalog, 2, line -> {}));
        assertTrue(e.getMessage().contains("user,item,ts"), e.getMessage());
    }

    @Test
    void docSectionIsReplacedBetweenMarkers() throws IOException {
        Path doc = dir.resolve("EVALUATION.md");
        Files.writeString(doc, "# Title\n\nprose\n", StandardCharsets.UTF_8);
        EvaluateCli.writeDoc(doc, "movielens-small", "table one\n");
        EvaluateCli.writeDoc(doc, "instacart-baskets", "basket table\n");
        EvaluateCli.writeDoc(doc, "movielens-small", "table two\n");
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Title\n\nprose\n"));
        assertTrue(text.contains("table two") && !text.contains("table one"), text);
        assertTrue(text.contains("basket table"), "each input has its own section");
        String begin = EvaluateCli.begin("movielens-small");
        assertEquals(text.indexOf(begin), text.lastIndexOf(begin));
        assertTrue(text.indexOf(begin) > 0);
        assertTrue(text.indexOf(begin) < text.indexOf(EvaluateCli.begin("instacart-baskets")), "replaced in place");
    }

    @Test
    void eachDataSetsResultsGoToItsOwnPage() throws IOException {
        assertEquals("docs/evaluation/movielens-small.md", EvaluateCli.defaultDoc("movielens-small"));
        for (String name : List.of("movielens-small", "instacart-baskets")) {
            Path page = Path.of("..").resolve(EvaluateCli.defaultDoc(name));
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertTrue(text.contains(EvaluateCli.begin(name)), page + " has no results section");
            assertTrue(text.indexOf(EvaluateCli.end(name)) > text.indexOf(EvaluateCli.begin(name)), page.toString());
        }
    }

    @Test
    void trainWritesItemFactorsAndGram() throws IOException {
        List<Interaction> interactions = List.of(
                new Interaction(0, 0, 1, EventType.PURCHASE, null),
                new Interaction(0, 1, 2, EventType.VIEW, null),
                new Interaction(1, 1, 3, EventType.RATE, 4.0));
        TrainingData data = new TrainingData(2, 3, interactions, ProfileConfig.defaults());
        AlsModel model =
                new ImplicitAls(ImplicitAls.Config.defaults().withFactors(4).withThreads(1)).train(data.matrix());
        int written = CfFactorsWriter.write(dir.resolve("out"), model, List.of("a", "b", "c"), data.popularity(), null);
        assertEquals(2, written);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(dir.resolve("out/item-factors.jsonl"));
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("a", first.get("itemId").asText());
        assertEquals(4, first.get("cf").size());
        JsonNode yty = json.readTree(dir.resolve("out/yty.json").toFile());
        assertEquals(4, yty.get("factors").asInt());
        assertEquals(16, yty.get("yty").size());
    }

    @Test
    void trainWritesTheEvaluatorsItemNeighboursWithTheFactorsAndTheyReadBack() throws IOException {
        // Items a and b share shopper 0, b and c shopper 1: sim(a,b) = 1/√2, sim(b,c) = 1/√2, sim(a,c) = 0.
        List<Interaction> interactions = List.of(
                new Interaction(0, 0, 1, EventType.PURCHASE, null),
                new Interaction(0, 1, 2, EventType.VIEW, null),
                new Interaction(1, 1, 3, EventType.VIEW, null),
                new Interaction(1, 2, 4, EventType.CLICK, null));
        TrainingData data = new TrainingData(2, 3, interactions, ProfileConfig.defaults());
        AlsModel model =
                new ImplicitAls(ImplicitAls.Config.defaults().withFactors(4).withThreads(1)).train(data.matrix());
        ItemKnn knn = new ItemKnn(data, 10);
        CfFactorsWriter.write(dir.resolve("out"), model, List.of("a", "b", "c"), data.popularity(), knn);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(dir.resolve("out/item-factors.jsonl"));
        JsonNode b = json.readTree(lines.get(1));
        assertEquals("b", b.get("itemId").asText());
        assertEquals(2, b.get("neighbours").size());
        assertEquals((float) (1 / Math.sqrt(2)), b.get("similarities").get(0).floatValue());
        JsonNode a = json.readTree(lines.get(0));
        assertEquals("b", a.get("neighbours").get(0).asText());
        assertEquals(1, a.get("neighbours").size()); // c never shares a shopper with a

        CfFactors read = CfFactorsReader.readDirectory(dir.resolve("out"), "cfFactors");
        assertEquals(3, read.neighbours().lists());
        assertEquals(2, read.neighbours().maxK());
        assertTrue(read.neighbours().hasList("c"));
    }

    @Test
    void trainShipsNeighboursOfItemsCloseInTimeUnlessTheWindowIsNone() throws Exception {
        // One shopper takes a, b, c, d in turn: with a window of 1 item, a's only neighbour is b; without a
        // window every item the shopper took is.
        Path catalog = catalog("a", "b", "c", "d");
        Path csv = dir.resolve("log.csv");
        Files.writeString(csv, "user,item,ts,type\nu,a,1,view\nu,b,2,view\nu,c,3,view\nu,d,4,view\n");
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> neighboursOfA = new HashMap<>();
        for (String window : List.of("1", "none")) {
            Path out = dir.resolve("out-" + window);
            int status = TrainCli.run(new String[] {
                "--interactions",
                csv.toString(),
                "--catalog",
                catalog.toString(),
                "--factors",
                "2",
                "--threads",
                "1",
                "--neighbour-window",
                window,
                "--out",
                out.toString()
            });
            assertEquals(0, status);
            JsonNode a = json.readTree(
                    Files.readAllLines(out.resolve("item-factors.jsonl")).get(0));
            assertEquals("a", a.get("itemId").asText());
            neighboursOfA.put(window, a.get("neighbours").size());
        }
        assertEquals(Map.of("1", 1, "none", 3), neighboursOfA);
    }

    @Test
    void trainsFlagsDefaultToTheModelsDefaultsAndSetEverySetting() {
        ImplicitAls.Config none = Cli.parse(
                        new TrainCli(Map.of(), System.out, System.err, false), new String[0], Map.of())
                .model();
        ImplicitAls.Config given = Cli.parse(
                        new TrainCli(Map.of(), System.out, System.err, false),
                        new String[] {
                            "--factors",
                            "8",
                            "--iterations",
                            "3",
                            "--lambda",
                            "2",
                            "--alpha",
                            "4",
                            "--threads",
                            "1",
                            "--seed",
                            "9",
                            "--solver",
                            "cholesky"
                        },
                        Map.of())
                .model();

        assertEquals(ImplicitAls.Config.defaults(), none);
        assertEquals(
                new ImplicitAls.Config(
                        8, 2, 4, 3, 1, 9, ImplicitAls.Solver.CHOLESKY, ImplicitAls.Config.DEFAULT_CG_STEPS),
                given);
    }

    @Test
    void neighbourWindowFlagTakesAPositiveNumberOrNone() {
        assertEquals(5, TrainCli.neighbourWindow("" + TrainCli.DEFAULT_NEIGHBOUR_WINDOW));
        assertEquals(ItemKnn.NO_WINDOW, TrainCli.neighbourWindow("none"));
        assertEquals(3, TrainCli.neighbourWindow("3"));
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> TrainCli.neighbourWindow("0"));
        assertTrue(zero.getMessage().contains("--neighbour-window"), zero.getMessage());
        IllegalArgumentException word =
                assertThrows(IllegalArgumentException.class, () -> TrainCli.neighbourWindow("few"));
        assertTrue(word.getMessage().contains("--neighbour-window"), word.getMessage());
    }

    /**
     * The offline protocol on the real data set with one point per grid (the values validation chose), so it
     * stays fast: CF beats popularity, the hybrid beats CF, and the FA*IR pass raises long-tail exposure.
     */
    @Test
    void movieLensProtocolOrdersModelsSensibly() throws IOException {
        Path movielens = Path.of("..", "datasets", "movielens-small");
        assumeTrue(Files.isRegularFile(movielens.resolve("ratings.csv")), "datasets/movielens-small is absent");
        EvaluationData data = EvaluationData.movieLens(movielens, 0, line -> {});
        OfflineEvaluation.Options options = new OfflineEvaluation.Options(
                2,
                42,
                15,
                List.of(64),
                List.of(50.0),
                List.of(1.0),
                List.of(25),
                List.of(Duration.ofDays(30)),
                List.of(0.2),
                List.of(0.2),
                List.of(0.7),
                List.of(100),
                List.of(1.0),
                List.of(0.0, 0.4),
                List.of(5));
        OfflineEvaluation.Report report = OfflineEvaluation.run(
                data.dataset(), List.of(ContentEmbeddings.hashed(data.items()).content()), options, line -> {});
        List<Evaluator.Result> rows = report.test();
        double popular = rows.get(0).ndcg10();
        double als = rows.get(2).ndcg10();
        double hybrid = rows.get(4).ndcg10();
        assertTrue(als > popular * 1.2, als + " vs " + popular);
        assertTrue(hybrid > popular * 1.2, hybrid + " vs " + popular);
        // The recent-item neighbours are what lifts the hybrid above CF alone.
        assertTrue(hybrid > als, hybrid + " vs " + als);
        assertTrue(hybrid > rows.get(7).ndcg10(), hybrid + " vs " + rows.get(7));
        assertTrue(rows.get(5).longTailShare() > rows.get(4).longTailShare());
        assertTrue(rows.get(6).longTailShare() >= 0.3, rows.get(6).toString());
    }

    /** The real data set, when the project's copy is present: ALS at k = 64, 15 iterations, 2 threads. */
    @Test
    void trainsMovieLensSmallToALowerLoss() throws IOException {
        Path movielens = Path.of("..", "datasets", "movielens-small");
        assumeTrue(Files.isRegularFile(movielens.resolve("ratings.csv")), "datasets/movielens-small is absent");
        EvaluationData data = EvaluationData.movieLens(movielens, 0, line -> {});
        assertEquals(610, data.dataset().users());
        assertEquals(100_836, data.dataset().interactions().size());
        TrainingData training = new TrainingData(
                data.dataset().users(),
                data.dataset().items(),
                data.dataset().interactions(),
                ProfileConfig.defaults());
        // How long it takes is a benchmark (docs/EVALUATION.md, "Training cost"), not asserted here.
        AlsModel model = new ImplicitAls(ImplicitAls.Config.defaults().withThreads(2)).train(training.matrix());
        List<Double> losses = model.losses();
        assertTrue(losses.get(losses.size() - 1) < losses.get(0), losses.toString());
    }
}
