package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.UsageException;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.TransformerModel;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code recsys evaluate --embedder}: several embedders' content vectors evaluated on one split. */
class EmbedderComparisonTest {
    @TempDir
    Path dir;

    @Test
    void aCommaListNamesEachEmbedderInOrder() {
        assertEquals(
                List.of(EmbedderSpec.HASHED, EmbedderSpec.TRANSFORMER), EvaluateCli.embedders("hashed,transformer"));
        assertEquals(
                List.of(EmbedderSpec.TRANSFORMER, EmbedderSpec.HASHED),
                EvaluateCli.embedders(" transformer:bge-small-en-v15-q , HASHED"));
        assertEquals(List.of(EmbedderSpec.HASHED), EvaluateCli.embedders("hashed"));
        assertEquals(
                List.of(new EmbedderSpec(EmbedderSpec.Kind.TRANSFORMER, TransformerModel.ALL_MINILM_L6_V2_Q)),
                EvaluateCli.embedders("transformer:all-minilm-l6-v2-q"));
    }

    @Test
    void anUnknownRepeatedOrEmptyEmbedderIsAUsageErrorNamingTheFlag() throws Exception {
        for (String value :
                List.of("hashed,bert", "transformer:gpt", "hashed,,transformer", "transformer,transformer")) {
            UsageException e = assertThrows(UsageException.class, () -> EvaluateCli.embedders(value));
            assertTrue(e.getMessage().contains("--embedder"), e.getMessage());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluateCli.run(
                new String[] {"--interactions", "none.csv", "--catalog", "none.jsonl", "--embedder", "hashed,bert"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--embedder") && message.contains("bert"), message);
    }

    /**
     * Two taste groups of shoppers over fruit and hardware, told apart by the item titles: the whole protocol
     * with both embedders, the page and its chart, then a second run that reads the Transformer's vectors from
     * the cache.
     */
    @Test
    void bothEmbeddersGetTheirRowsOnOneSplitAndTheTransformerIsCachedBetweenRuns() throws Exception {
        Path catalog = tinyCatalog();
        Path interactions = tinyInteractions(7);
        Path cache = dir.resolve("cache");
        Path page = dir.resolve("docs").resolve("interactions.md");
        String[] argv = {
            "--interactions",
            interactions.toString(),
            "--catalog",
            catalog.toString(),
            "--embedder",
            "hashed,transformer",
            "--embedding-cache",
            cache.toString(),
            "--threads",
            "2",
            "--write-doc",
            "--doc",
            page.toString()
        };
        Output first = run(argv);
        assertEquals(0, first.status(), first.err());
        for (String row : List.of(
                "| Content only (hashed) |",
                "| Content only (transformer) |",
                "| Hybrid (hashed content) |",
                "| Hybrid (transformer content) |",
                "| Hybrid + FA*IR (transformer content, long tail, p=0.3) |",
                "| Hybrid without recent-item neighbours (transformer content) |",
                "| Implicit ALS |")) {
            assertEquals(1, count(first.out(), row), row + " in\n" + first.out());
        }
        assertTrue(first.out().contains("transformer against hashed: content-only NDCG@10 ×"), first.out());
        assertTrue(first.out().contains("| hybrid (transformer content) |"), "hit rates by rank of each embedder");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(text.contains(EvaluateCli.begin("interactions")) && text.contains("(interactions-frontier.svg)"));
        Document chart = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(dir.resolve("docs").resolve("interactions-frontier.svg").toFile());
        assertEquals(4, chart.getElementsByTagName("polyline").getLength(), "each embedder's two fair hybrids");
        assertTrue(text.contains("**The fair hybrid with the sequence model**"), text);
        for (String embedder : List.of("hashed", "transformer")) {
            assertEquals(
                    1,
                    count(text, "- " + embedder + " with the sequence model: long-tail exposure"),
                    "where " + embedder + "'s frontier with the sequence model reaches the goal, or that it does not");
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".vectors")).count(), "one cache file");
        }
        assertTrue(first.err().contains("(40 embedded now, 0 from the cache"), first.err());

        Output second = run(argv);
        assertEquals(0, second.status(), second.err());
        assertTrue(second.err().contains("(0 embedded now, 40 from the cache"), second.err());
        assertEquals(tableOf(first.out()), tableOf(second.out()), "the cached vectors are the model's");
    }

    private record Output(int status, String out, String err) {}

    private static Output run(String[] argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluateCli.run(
                argv,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The results table's rows (the run time line before it differs between runs). */
    private static List<String> tableOf(String out) {
        return out.lines().filter(line -> line.startsWith("| ")).toList();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static final List<String> FRUIT = List.of(
            "Banana", "Apple", "Pear", "Cherry", "Plum", "Mango", "Peach", "Lemon", "Lime", "Grape", "Melon", "Kiwi",
            "Orange", "Apricot", "Fig", "Papaya", "Guava", "Lychee", "Date", "Quince");
    private static final List<String> TOOLS = List.of(
            "Hammer",
            "Screwdriver",
            "Wrench",
            "Drill",
            "Saw",
            "Pliers",
            "Chisel",
            "Sander",
            "Level",
            "Clamp",
            "Vise",
            "Mallet",
            "Crowbar",
            "Trowel",
            "Spanner",
            "Ratchet",
            "Socket set",
            "Tape measure",
            "Utility knife",
            "File");

    /** 40 items: 20 fruits, 20 tools. */
    private Path tinyCatalog() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean fruit = i < 20;
            String name = fruit ? FRUIT.get(i) : TOOLS.get(i - 20);
            lines.add(CatalogItemJson.write(new CatalogItem(
                    "i" + i,
                    fruit ? "Fresh organic " + name.toLowerCase() : name + " for the workshop",
                    fruit ? "ripe fruit from the orchard" : "a steel hand tool",
                    fruit ? "produce>fresh fruits" : "hardware>hand tools",
                    fruit ? "farm" : "acme",
                    List.of(fruit ? "fruit" : "tool"),
                    "s1",
                    null,
                    2.5,
                    true,
                    Instant.parse("2024-01-01T00:00:00Z"),
                    Map.of())));
        }
        Path file = dir.resolve("catalog.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** 30 shoppers, each buying 14 items mostly of their group, a few of the other, in time order. */
    private Path tinyInteractions(long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("user,item,ts,type\n");
        for (int u = 0; u < 30; u++) {
            int group = u % 2;
            for (int n = 0; n < 14; n++) {
                int item = random.nextDouble() < 0.85 ? group * 20 + random.nextInt(20) : random.nextInt(40);
                csv.append("u").append(u).append(",i").append(item).append(',');
                csv.append(1_000_000L * n + u).append(",purchase\n");
            }
        }
        Path file = dir.resolve("interactions.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }
}
