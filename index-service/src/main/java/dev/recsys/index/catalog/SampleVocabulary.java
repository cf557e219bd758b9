package dev.recsys.index.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The words {@link SampleCatalog} composes items from, read once from {@value #RESOURCE} beside this class:
 * per top-level category its brands, variants (colours, sizes, formats) and shared sentences; per leaf
 * category the nouns, modifiers, features and tags of its titles and descriptions, its price range, and
 * optionally a title format of its own and a second attribute. Sentences and title formats name the words
 * they take as {@code {brand}}, {@code {mod}}, {@code {noun}}, {@code {feature}} and {@code {variant}}.
 * Kept as data apart from the generator so the tables read as tables; the generator's draws depend on the
 * order of every list, so reordering the file changes every sample catalog.
 */
final class SampleVocabulary {
    static final String RESOURCE = "sample-vocabulary.json";

    /** Tags any item may get besides those of its category. */
    static final List<String> GENERIC_TAGS;

    /** The top-level categories, in the file's order. */
    static final List<Top> TOPS;

    static {
        JsonNode root = read();
        GENERIC_TAGS = strings(root, "genericTags");
        String defaultTitle = text(root, "defaultTitle");
        List<Top> tops = new ArrayList<>();
        for (JsonNode top : field(root, "categories")) {
            List<Leaf> leaves = new ArrayList<>();
            for (JsonNode leaf : field(top, "leaves")) {
                leaves.add(new Leaf(
                        text(leaf, "path"),
                        strings(leaf, "nouns"),
                        strings(leaf, "modifiers"),
                        strings(leaf, "features"),
                        strings(leaf, "tags"),
                        strings(leaf, "sentences"),
                        field(leaf, "minPrice").asDouble(),
                        field(leaf, "maxPrice").asDouble(),
                        leaf.has("titleFormat") ? text(leaf, "titleFormat") : defaultTitle,
                        leaf.has("secondKey") ? text(leaf, "secondKey") : null,
                        leaf.has("secondKey") ? strings(leaf, "secondValues") : null));
            }
            tops.add(new Top(
                    text(top, "name"),
                    strings(top, "brands"),
                    text(top, "variantKey"),
                    strings(top, "variants"),
                    strings(top, "sentences"),
                    List.copyOf(leaves)));
        }
        TOPS = List.copyOf(tops);
    }

    private SampleVocabulary() {}

    /** A top-level category: what all its items share. */
    record Top(
            String name,
            List<String> brands,
            String variantKey,
            List<String> variants,
            List<String> sentences,
            List<Leaf> leaves) {}

    /** A leaf category; {@code secondKey} and {@code secondValues} are null when it has no second attribute. */
    record Leaf(
            String path,
            List<String> nouns,
            List<String> modifiers,
            List<String> features,
            List<String> tags,
            List<String> sentences,
            double minPrice,
            double maxPrice,
            String titleFormat,
            String secondKey,
            List<String> secondValues) {}

    private static JsonNode read() {
        try (InputStream in = SampleVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(RESOURCE + ": an entry has no '" + name + "': " + node);
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        return field(node, name).asText();
    }

    private static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : field(node, name)) {
            values.add(value.asText());
        }
        return List.copyOf(values);
    }
}
