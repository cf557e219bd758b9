package dev.recsys.index.generations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.embed.CenteredEmbedder;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.Embedders;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedder a generation was built with, as its {@value #FILE} records it ({@code {"embedder":
 * "transformer:bge-small-en-v15-q", "dimension": 384}}), so that a restart, a rollback and the tools open
 * it with the same embedder whatever {@code --embedder} says now. A hashed generation also keeps its
 * fitted idf in {@value #HASHED_FILE}, a Transformer generation the mean its vectors are centred by in
 * {@value #MEAN_FILE} ({@link CenteredEmbedder}); a generation without {@value #FILE} is hashed (it
 * predates the choice).
 */
public record GenerationEmbedder(EmbedderSpec spec, int dimension) {
    public static final String FILE = "embedder.json";
    public static final String HASHED_FILE = "embedder.idf";
    /** The mean a Transformer generation's vectors are centred by: its floats, big-endian. */
    public static final String MEAN_FILE = "embedder.mean";

    public GenerationEmbedder {
        Objects.requireNonNull(spec, "spec");
    }

    /** What {@code embedder} is. */
    public static GenerationEmbedder of(TextEmbedder embedder) {
        return new GenerationEmbedder(embedder.spec(), embedder.dimension());
    }

    /** Writes the record (and the hashed embedder's idf) into {@code directory}, each file atomically. */
    static void save(Path directory, TextEmbedder embedder, FileWriter atomically) throws IOException {
        if (embedder instanceof HashedNgramEmbedder hashed) {
            atomically.write(directory.resolve(HASHED_FILE), hashed::write);
        }
        if (embedder instanceof CenteredEmbedder centred) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * centred.dimension());
            bytes.asFloatBuffer().put(centred.mean());
            atomically.write(directory.resolve(MEAN_FILE), temp -> Files.write(temp, bytes.array()));
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("embedder", embedder.spec().id());
        node.put("dimension", embedder.dimension());
        byte[] json = Json.MAPPER.writeValueAsBytes(node);
        atomically.write(directory.resolve(FILE), temp -> Files.write(temp, json));
    }

    /**
     * The record in {@code directory}.
     *
     * @throws IOException if it cannot be read or names an embedder this build does not know
     */
    public static GenerationEmbedder read(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new GenerationEmbedder(
                    EmbedderSpec.HASHED,
                    HashedNgramEmbedder.read(directory.resolve(HASHED_FILE)).dimension());
        }
        JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (node == null
                || !node.path("embedder").isTextual()
                || !node.path("dimension").canConvertToInt()) {
            throw new IOException(file + " is corrupt: expected {\"embedder\": ..., \"dimension\": ...}");
        }
        try {
            return new GenerationEmbedder(
                    EmbedderSpec.parse(node.get("embedder").asText()),
                    node.get("dimension").asInt());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The embedder the generation in {@code directory} was built with: its saved hashed embedder, or the
     * shared Transformer of {@code embedders}.
     *
     * @throws IOException if the files cannot be read, the model cannot be loaded, or the model's
     *     dimension differs from the recorded one (both named)
     */
    static TextEmbedder open(Path directory, Embedders embedders) throws IOException {
        GenerationEmbedder recorded = read(directory);
        TextEmbedder embedder = recorded.spec().kind() == EmbedderSpec.Kind.HASHED
                ? HashedNgramEmbedder.read(directory.resolve(HASHED_FILE))
                : embedders.unfitted(recorded.spec());
        if (embedder.dimension() != recorded.dimension()) {
            throw new IOException(directory + " was built with " + recorded + " but " + embedder.spec() + " has "
                    + embedder.dimension() + " dimensions");
        }
        Path meanFile = directory.resolve(MEAN_FILE);
        if (!Files.isRegularFile(meanFile)) {
            return embedder;
        }
        byte[] bytes = Files.readAllBytes(meanFile);
        if (bytes.length != 4 * embedder.dimension()) {
            throw new IOException(
                    meanFile + " is corrupt: " + bytes.length + " bytes for " + embedder.dimension() + " dimensions");
        }
        float[] mean = new float[embedder.dimension()];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(mean);
        return new CenteredEmbedder(embedder, mean);
    }

    @Override
    public String toString() {
        return spec.id() + " (" + dimension + " dimensions)";
    }

    /** Writes a file through a temporary one that is then moved into place. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path target, Body body) throws IOException;
    }

    /** Writes the content to the temporary file given. */
    @FunctionalInterface
    interface Body {
        void writeTo(Path temp) throws IOException;
    }
}
