package dev.recsys.index.catalog.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose lines hold long secret-like strings and control characters: every error a source or the CF
 * reader reports quotes at most {@value Excerpt#MAX_INPUT} characters of them, escaped.
 */
class ErrorExcerptsTest {
    @TempDir
    Path dir;

    /** 120 seeded random letters and digits: no 41 of them in a row may appear in any message. */
    private String secret;

    /** The secret with control characters, a terminal escape and a bidirectional override in it. */
    private String hostile;

    @BeforeEach
    void secrets() {
        Random random = new Random(20_240_601);
        StringBuilder text = new StringBuilder("AKIA");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        while (text.length() < 120) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        secret = text.toString();
        hostile = secret.substring(0, 10) + "\u0000\u0007\u001b[2J\u202e\t" + secret.substring(10);
    }

    /** Neither more than an excerpt of the secret nor a raw control character. */
    private void assertSafe(String message) {
        for (int i = 0; i + Excerpt.MAX_INPUT < secret.length(); i++) {
            String window = secret.substring(i, i + Excerpt.MAX_INPUT + 1);
            assertFalse(message.contains(window), "more than an excerpt of the secret in: " + message);
        }
        assertTrue(
                message.codePoints().noneMatch(c -> Character.isISOControl(c) || c == '\u202e'),
                "a raw control character in: " + message);
        assertTrue(message.length() <= Excerpt.MAX_MESSAGE, message.length() + " characters: " + message);
    }

    private void assertSafe(List<LineError> errors) {
        for (LineError error : errors) {
            assertSafe(error.toString());
        }
    }

    private static String jsonString(String text) throws IOException {
        return Json.MAPPER.writeValueAsString(text);
    }

    private String validLine(int i) throws IOException {
        Path file = dir.resolve("valid-" + i + ".jsonl");
        CatalogFile.write(file, SampleCatalog.generate(i + 1, 3).subList(i, i + 1));
        return Files.readAllLines(file).getFirst();
    }

    @Test
    void jsonLinesErrorsQuoteAnExcerptOfTheLine() throws IOException {
        String valid = validLine(0);
        String longId = secret.substring(0, 120);
        Path file = SharedData.write(
                dir.resolve("catalog.jsonl"),
                hostile,
                "root:" + secret + ":0:0:root:/root:/bin/bash",
                "{\"" + secret,
                valid.replaceFirst("\"createdAt\":\"[^\"]*\"", "\"createdAt\":\"" + secret + "\""),
                valid.replaceFirst(
                        "\"attributes\":\\{",
                        java.util.regex.Matcher.quoteReplacement("\"attributes\":{" + jsonString(hostile) + ":{},")),
                valid + " " + secret,
                valid.replaceFirst("\"itemId\":\"[^\"]*\"", "\"itemId\":\"" + longId + "\""),
                valid.replaceFirst("\"itemId\":\"[^\"]*\"", "\"itemId\":\"" + longId + "\""));
        List<LineError> errors = SharedData.read(new JsonLinesSource(file)).errors();
        assertEquals(7, errors.size(), errors.toString());
        assertSafe(errors);
        assertEquals(
                "malformed JSON (Unrecognized token) at character 14: '" + secret.substring(0, 10)
                        + "\\u0000\\u0007\\u001b[2J\\u202e\\t" + secret.substring(10, 32) + "'…",
                errors.get(0).reason());
        assertTrue(
                errors.get(1).reason().contains(": 'root:AKIA"), errors.get(1).reason());
        assertTrue(
                errors.get(2).reason().endsWith("…'" + secret.substring(80) + "'"),
                errors.get(2).reason());
        assertEquals("createdAt", errors.get(3).field());
        assertEquals(
                "is not an ISO-8601 instant: '" + secret.substring(0, 40) + "'…",
                errors.get(3).reason());
        assertTrue(
                errors.get(4).field().startsWith("attributes.AKIA"),
                errors.get(4).field());
        assertTrue(
                errors.get(5).reason().startsWith("malformed JSON (Unrecognized token)"),
                errors.get(5).reason());
        assertEquals(new LineError(8, "itemId", "duplicate id '" + longId.substring(0, 40) + "'…"), errors.get(6));
    }

    @Test
    void csvHeadersAndFieldsAreQuotedAsExcerpts() throws IOException {
        Path instacart = Files.createDirectories(dir.resolve("instacart"));
        SharedData.write(instacart.resolve("products.csv"), "product_id," + hostile, "1,Milk,1,1");
        SharedData.write(instacart.resolve("aisles.csv"), "aisle_id,aisle", "1,milk");
        SharedData.write(instacart.resolve("departments.csv"), "department_id,department", "1,dairy eggs");
        List<LineError> header = SharedData.read(new InstacartSource(instacart)).errors();
        assertEquals(1, header.size());
        assertTrue(header.getFirst().reason().contains("got 'product_id,AKIA"), header.toString());
        assertSafe(header);

        SharedData.write(
                instacart.resolve("products.csv"),
                "product_id,product_name,aisle_id,department_id",
                secret + ",Milk,1,1",
                "2,Milk," + hostile + ",1");
        List<LineError> fields = SharedData.read(new InstacartSource(instacart)).errors();
        assertEquals(2, fields.size(), fields.toString());
        assertEquals("product_id", fields.get(0).field());
        assertEquals("aisle_id", fields.get(1).field());
        assertSafe(fields);

        Path movielens = Files.createDirectories(dir.resolve("movielens"));
        SharedData.write(movielens.resolve("movies.csv"), "movieId,title,genres", hostile + ",Heat (1995),Action");
        List<LineError> movies = SharedData.read(new MovieLensSource(movielens)).errors();
        assertEquals("movieId", movies.getFirst().field());
        assertSafe(movies);
        SharedData.write(movielens.resolve("movies.csv"), secret + ",title,genres");
        assertSafe(SharedData.read(new MovieLensSource(movielens)).errors());
    }

    @Test
    void cfFactorsMessagesQuoteAnExcerptOfTheFiles() throws IOException {
        Path cf = Files.createDirectories(dir.resolve("cf"));
        Files.writeString(cf.resolve(CfFactorsReader.MODEL_FILE), hostile + "\n");
        Files.writeString(cf.resolve(CfFactorsReader.ITEMS_FILE), "{\"itemId\":\"a\",\"cf\":[1,2]}\n");
        var model = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class, () -> CfFactorsReader.readDirectory(cf, "cfFactors"));
        assertTrue(model.getMessage().startsWith("yty.json: malformed JSON"), model.getMessage());
        assertSafe(model.getMessage());

        Files.writeString(
                cf.resolve(CfFactorsReader.MODEL_FILE), "{\"factors\":2,\"lambda\":1,\"alpha\":1,\"yty\":[1,0,0,1]}\n");
        List<String> items = new ArrayList<>();
        String longId = secret.substring(0, 120);
        items.add("{\"itemId\":\"" + longId + "\",\"cf\":[1,2]}");
        items.add("{\"itemId\":\"" + longId + "\",\"cf\":[1,2]}");
        Files.write(cf.resolve(CfFactorsReader.ITEMS_FILE), items);
        var twice = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class, () -> CfFactorsReader.readDirectory(cf, "cfFactors"));
        assertEquals("itemId", twice.field());
        assertTrue(
                twice.getMessage().startsWith("item-factors.jsonl line 2: field 'itemId': appears twice: 'AKIA"),
                twice.getMessage());
        assertSafe(twice.getMessage());

        Files.writeString(
                cf.resolve(CfFactorsReader.ITEMS_FILE),
                "{\"itemId\":\"a\",\"cf\":[1,2],\"neighbours\":[\"a\"],\"similarities\":[0.5]}\n" + secret + "\n");
        var neighbour = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class, () -> CfFactorsReader.readDirectory(cf, "cfFactors"));
        assertEquals("neighbours", neighbour.field());
        assertTrue(neighbour.getMessage().endsWith("must name another item, once; got 'a'"), neighbour.getMessage());

        Files.writeString(cf.resolve(CfFactorsReader.ITEMS_FILE), "{\"itemId\":\"a\",\"cf\":[1,2]}\n" + hostile + "\n");
        var line = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class, () -> CfFactorsReader.readDirectory(cf, "cfFactors"));
        assertTrue(line.getMessage().startsWith("item-factors.jsonl line 2: malformed JSON"), line.getMessage());
        assertSafe(line.getMessage());
    }

    @Test
    void aFileBesideTheSourceThatLeadsOutsideTheFoldersIsRefused() throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        SharedData.write(outside.resolve("aisles.csv"), "aisle_id,aisle", "1," + secret);
        Path instacart = Files.createDirectories(allowed.resolve("instacart"));
        SharedData.write(instacart.resolve("products.csv"), "product_id,product_name,aisle_id,department_id");
        SharedData.write(instacart.resolve("departments.csv"), "department_id,department", "1,dairy eggs");
        Files.createSymbolicLink(instacart.resolve("aisles.csv"), outside.resolve("aisles.csv"));
        SourceFolders folders = new SourceFolders(List.of(allowed));
        var refused = assertThrows(
                SourceFolders.OutsideException.class, () -> CatalogSources.open("instacart", instacart, folders));
        assertTrue(refused.getMessage().contains("aisles.csv"), refused.getMessage());
        assertFalse(refused.getMessage().contains(outside.toString()), refused.getMessage());

        Path movielens = Files.createDirectories(allowed.resolve("movielens"));
        SharedData.write(movielens.resolve("movies.csv"), "movieId,title,genres", "1,Heat (1995),Action");
        Files.createSymbolicLink(movielens.resolve("tags.csv"), Path.of("/proc/self/environ"));
        assertThrows(SourceFolders.OutsideException.class, () -> CatalogSources.open("movielens", movielens, folders));

        Path cf = Files.createDirectories(allowed.resolve("cf"));
        Files.writeString(cf.resolve(CfFactorsReader.MODEL_FILE), "{}\n");
        Files.createSymbolicLink(cf.resolve(CfFactorsReader.ITEMS_FILE), Path.of("/etc/passwd"));
        var cfRefused = assertThrows(
                CfFactorsReader.InvalidCfFactorsException.class,
                () -> CfFactorsReader.readDirectory(cf, "cfFactors", folders));
        assertEquals("cfFactors", cfRefused.field());
        assertTrue(cfRefused.getMessage().startsWith("cfFactors is not under a folder"), cfRefused.getMessage());
    }
}
