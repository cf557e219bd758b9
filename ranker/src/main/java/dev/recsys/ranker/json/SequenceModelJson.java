package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelFile;
import dev.recsys.ranker.sequence.SequenceWeights;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON form of a {@link SequenceModelFile}, one object: {@code {"format": 1, "events": "positive", "heads": 1,
 * "epsilon": 1e-5, "itemIds": [...], "items": [...], "positions": [...], "blocks": [{"attentionNorm": {"gamma",
 * "beta"}, "query": {"weight": [...], "bias"}, "key", "value", "output", "feedForwardNorm", "hidden",
 * "back"}], "finalNorm": {...}}}. Every vector is base64 float32 ({@link VectorEncoding#BASE64}; a matrix is
 * an array of its rows): the model is read whole before it serves, so size and exactness count more than
 * reading by eye. {@code items} has one row per id of {@code itemIds}, the padding row is not written.
 */
public final class SequenceModelJson {
    public static final int FORMAT = 1;

    private SequenceModelJson() {}

    public static String write(SequenceModelFile file) {
        SequenceWeights w = file.weights();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("events", file.filter().flagName());
        node.put("heads", w.heads());
        node.put("epsilon", w.epsilon());
        ArrayNode ids = node.putArray("itemIds");
        file.itemIds().forEach(ids::add);
        float[][] items = w.items();
        ArrayNode rows = node.putArray("items");
        for (int i = 1; i < items.length; i++) {
            rows.add(VectorEncoding.toBase64(items[i]));
        }
        node.set("positions", matrix(w.positions()));
        ArrayNode blocks = node.putArray("blocks");
        for (SequenceWeights.Block block : w.blocks()) {
            ObjectNode b = blocks.addObject();
            b.set("attentionNorm", norm(block.attentionNorm()));
            b.set("query", dense(block.query()));
            b.set("key", dense(block.key()));
            b.set("value", dense(block.value()));
            b.set("output", dense(block.output()));
            b.set("feedForwardNorm", norm(block.feedForwardNorm()));
            b.set("hidden", dense(block.hidden()));
            b.set("back", dense(block.back()));
        }
        node.set("finalNorm", norm(w.finalNorm()));
        return Json.write(node);
    }

    /**
     * @throws InvalidRecordException naming the field at fault: a missing or malformed part, a vector of the
     *     wrong size, an id given twice
     */
    public static SequenceModelFile parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        long format = fields.requiredLong("format");
        if (format != FORMAT) {
            throw new InvalidRecordException("format", "must be " + FORMAT + ", got " + format);
        }
        SequenceFilter filter;
        try {
            filter = SequenceFilter.fromFlag(fields.requiredString("events", 32));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("events", "must be every-event or positive");
        }
        long heads = fields.requiredLong("heads");
        double epsilon = fields.requiredDouble("epsilon");
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new InvalidRecordException("epsilon", "must be between 0 and 1");
        }
        List<String> itemIds = fields.stringList("itemIds", Integer.MAX_VALUE - 8, JsonFields.MAX_ID_LENGTH);
        Set<String> distinct = new HashSet<>(itemIds);
        if (distinct.size() != itemIds.size()) {
            throw new InvalidRecordException("itemIds", "must not name an item twice");
        }
        float[][] rows = matrix(fields.node().get("items"), "items", -1);
        if (rows.length != itemIds.size() || rows.length == 0) {
            throw new InvalidRecordException("items", "must have one row per id of itemIds (" + itemIds.size() + ")");
        }
        int dimension = rows[0].length;
        float[][] items = new float[rows.length + 1][];
        items[0] = new float[dimension];
        System.arraycopy(rows, 0, items, 1, rows.length);
        float[][] positions = matrix(fields.node().get("positions"), "positions", dimension);
        JsonNode blocksNode = fields.node().get("blocks");
        if (!(blocksNode instanceof ArrayNode blockArray) || blockArray.isEmpty()) {
            throw new InvalidRecordException("blocks", "must be a non-empty array");
        }
        List<SequenceWeights.Block> blocks = new ArrayList<>();
        for (int n = 0; n < blockArray.size(); n++) {
            String at = "blocks[" + n + "].";
            JsonNode b = blockArray.get(n);
            blocks.add(new SequenceWeights.Block(
                    norm(b.get("attentionNorm"), at + "attentionNorm", dimension),
                    dense(b.get("query"), at + "query", dimension, dimension),
                    dense(b.get("key"), at + "key", dimension, dimension),
                    dense(b.get("value"), at + "value", dimension, dimension),
                    dense(b.get("output"), at + "output", dimension, dimension),
                    norm(b.get("feedForwardNorm"), at + "feedForwardNorm", dimension),
                    dense(b.get("hidden"), at + "hidden", -1, dimension),
                    dense(b.get("back"), at + "back", dimension, -1)));
            SequenceWeights.Block block = blocks.get(n);
            if (block.back().weight()[0].length != block.hidden().weight().length) {
                throw new InvalidRecordException(
                        at + "back.weight", "rows must have one number per row of " + at + "hidden.weight");
            }
        }
        SequenceWeights.Norm finalNorm = norm(fields.node().get("finalNorm"), "finalNorm", dimension);
        try {
            return new SequenceModelFile(
                    itemIds,
                    filter,
                    new SequenceWeights((int) heads, (float) epsilon, items, positions, blocks, finalNorm));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("heads", e.getMessage());
        }
    }

    private static ArrayNode matrix(float[][] rows) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float[] row : rows) {
            array.add(VectorEncoding.toBase64(row));
        }
        return array;
    }

    private static ObjectNode norm(SequenceWeights.Norm norm) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("gamma", VectorEncoding.toBase64(norm.gamma()));
        node.put("beta", VectorEncoding.toBase64(norm.beta()));
        return node;
    }

    private static ObjectNode dense(SequenceWeights.Dense dense) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("weight", matrix(dense.weight()));
        node.put("bias", VectorEncoding.toBase64(dense.bias()));
        return node;
    }

    /** A matrix of base64 rows, each of {@code width} numbers ({@code -1}: as long as the first). */
    private static float[][] matrix(JsonNode node, String field, int width) {
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            throw new InvalidRecordException(field, "must be a non-empty array of base64 float32 rows");
        }
        float[][] rows = new float[array.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = vector(array.get(r), field + "[" + r + "]", r == 0 ? width : rows[0].length);
        }
        return rows;
    }

    private static float[] vector(JsonNode node, String field, int length) {
        if (node == null || !node.isTextual()) {
            throw new InvalidRecordException(field, "must be a base64 float32 vector");
        }
        float[] vector;
        try {
            vector = VectorEncoding.fromBase64(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field, "must be a base64 float32 vector");
        }
        if (vector.length == 0 || (length >= 0 && vector.length != length)) {
            throw new InvalidRecordException(
                    field, "must have " + (length >= 0 ? length : "some") + " numbers, got " + vector.length);
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new InvalidRecordException(field, "must hold finite numbers only");
            }
        }
        return vector;
    }

    private static SequenceWeights.Norm norm(JsonNode node, String field, int dimension) {
        if (!(node instanceof ObjectNode)) {
            throw new InvalidRecordException(field, "must be an object {gamma, beta}");
        }
        return new SequenceWeights.Norm(
                vector(node.get("gamma"), field + ".gamma", dimension),
                vector(node.get("beta"), field + ".beta", dimension));
    }

    /** A dense layer of {@code outputs} rows of {@code inputs} numbers ({@code -1}: any, the same for all). */
    private static SequenceWeights.Dense dense(JsonNode node, String field, int outputs, int inputs) {
        if (!(node instanceof ObjectNode)) {
            throw new InvalidRecordException(field, "must be an object {weight, bias}");
        }
        float[][] weight = matrix(node.get("weight"), field + ".weight", inputs);
        if (outputs >= 0 && weight.length != outputs) {
            throw new InvalidRecordException(field + ".weight", "must have " + outputs + " rows, got " + weight.length);
        }
        return new SequenceWeights.Dense(weight, vector(node.get("bias"), field + ".bias", weight.length));
    }
}
