package dev.recsys.index.cf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.catalog.sources.JsonLine;
import dev.recsys.index.catalog.sources.SourceFolders;
import dev.recsys.index.neighbours.NeighbourLists;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.JsonFields;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads trained CF factors in the form {@code recsys train} writes them: a model line {@code {"factors":
 * k, "lambda": λ, "alpha": α, "yty": [k² numbers]}} and one {@code {"itemId": "...", "cf": [k numbers]}}
 * per item ({@code cf} may also be the base64 float32 form of the data contracts), optionally with the
 * item's nearest items by co-interaction, {@code "neighbours": ["...", ...], "similarities": [...]} (at
 * most {@value #MAX_NEIGHBOURS}, most similar first, similarities in (0, 1]). On disk the model line
 * is {@value #MODEL_FILE} and the items {@value #ITEMS_FILE}; uploaded, the model line comes first and the
 * items follow. Every problem is reported with the line and the field, nothing is half-read.
 */
public final class CfFactorsReader {
    public static final String MODEL_FILE = "yty.json";
    public static final String ITEMS_FILE = "item-factors.jsonl";
    /** The longest neighbour list an item line may carry. */
    public static final int MAX_NEIGHBOURS = 1000;

    /** Bad CF input: {@code field} names the JSON field (or request field) at fault, when there is one. */
    public static final class InvalidCfFactorsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        InvalidCfFactorsException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private CfFactorsReader() {}

    /**
     * The factors in a directory written by {@code recsys train --out DIR}, wherever it is (a path from the
     * command line).
     *
     * @param flag the request field or flag that named the directory, for messages
     */
    public static CfFactors readDirectory(Path dir, String flag) throws IOException {
        return readDirectory(dir, flag, SourceFolders.ANYWHERE);
    }

    /**
     * As {@link #readDirectory(Path, String)}, reading only under {@code folders}: the directory and each
     * of its two files are resolved there before anything is opened; outside, it is refused naming {@code
     * flag} and nothing else.
     */
    public static CfFactors readDirectory(Path dir, String flag, SourceFolders folders) throws IOException {
        Path model;
        Path items;
        try {
            Path checked = folders.resolve(dir, flag);
            model = folders.resolve(checked.resolve(MODEL_FILE), flag);
            items = folders.resolve(checked.resolve(ITEMS_FILE), flag);
        } catch (SourceFolders.OutsideException e) {
            throw new InvalidCfFactorsException(flag, e.getMessage());
        }
        for (Path file : new Path[] {model, items}) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new InvalidCfFactorsException(
                        flag,
                        flag + ": " + dir + " has no readable " + file.getFileName()
                                + " (written by recsys train --out)");
            }
        }
        CfModel header = model(Files.readString(model, StandardCharsets.UTF_8).strip(), MODEL_FILE + ": ");
        try (BufferedReader in = Files.newBufferedReader(items, StandardCharsets.UTF_8)) {
            return items(in, header, ITEMS_FILE + " line ", 1);
        }
    }

    /**
     * The factors as uploaded: the model line, then the item lines. {@code firstLine} is the line number
     * of the model line within the whole upload, for messages.
     */
    public static CfFactors readUpload(BufferedReader in, long firstLine) throws IOException {
        String first = in.readLine();
        if (first == null || first.isBlank()) {
            throw new InvalidCfFactorsException(
                    null, "line " + firstLine + ": expected the CF model line {factors, lambda, alpha, yty}");
        }
        CfModel header = model(first, "line " + firstLine + ": ");
        return items(in, header, "line ", firstLine + 1);
    }

    /** The model line, checked as a {@code cf-model} record is (the generation is set later). */
    static CfModel model(String json, String where) {
        try {
            ObjectNode node = JsonLine.parseObject(json);
            if (node.has("generation")) {
                throw new InvalidRecordException(
                        "generation", "is set by the catalog build that attaches the factors, not by the trainer");
            }
            node.put("generation", 0);
            return CfModelJson.parse(Json.write(node));
        } catch (JsonLine.MalformedException e) {
            throw new InvalidCfFactorsException(null, where + e.getMessage());
        } catch (InvalidRecordException e) {
            throw new InvalidCfFactorsException(Excerpt.field(e.field()), where + Excerpt.problem(e));
        }
    }

    private static CfFactors items(BufferedReader in, CfModel header, String where, long firstLine) throws IOException {
        int factors = header.factors();
        Map<String, float[]> items = new HashMap<>();
        NeighbourLists neighbours = new NeighbourLists();
        long line = firstLine - 1;
        for (String text; (text = in.readLine()) != null; ) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonFields fields = new JsonFields(JsonLine.parseObject(text));
                String itemId = fields.id("itemId");
                float[] cf = fields.vector("cf", true);
                if (cf.length != factors) {
                    throw new InvalidRecordException(
                            "cf", "has " + cf.length + " numbers, the model has " + factors + " factors");
                }
                if (items.putIfAbsent(itemId, cf) != null) {
                    throw new InvalidRecordException("itemId", "appears twice: '" + itemId + "'");
                }
                neighbours(fields, itemId, neighbours);
            } catch (JsonLine.MalformedException e) {
                throw new InvalidCfFactorsException(null, where + line + ": " + e.getMessage());
            } catch (InvalidRecordException e) {
                throw new InvalidCfFactorsException(Excerpt.field(e.field()), where + line + ": " + Excerpt.problem(e));
            }
        }
        if (items.isEmpty()) {
            throw new InvalidCfFactorsException(null, "no item factors after the model line");
        }
        return new CfFactors(header, items, neighbours.lists() == 0 ? null : neighbours);
    }

    /**
     * The item line's optional neighbour list, checked and added to {@code lists}. Like every message here,
     * a problem quotes the value at fault last: {@link Excerpt#problem} turns it into an excerpt.
     */
    private static void neighbours(JsonFields fields, String itemId, NeighbourLists lists) {
        boolean hasNeighbours = fields.node().hasNonNull("neighbours");
        float[] similarities = fields.vector("similarities", hasNeighbours);
        if (!hasNeighbours) {
            if (similarities != null) {
                throw new InvalidRecordException("neighbours", "is required with similarities");
            }
            return;
        }
        List<String> ids = fields.stringList("neighbours", MAX_NEIGHBOURS, JsonFields.MAX_ID_LENGTH);
        if (ids.isEmpty()) {
            throw new InvalidRecordException("neighbours", "must name between 1 and " + MAX_NEIGHBOURS + " items");
        }
        if (similarities.length != ids.size()) {
            throw new InvalidRecordException(
                    "similarities", "has " + similarities.length + " numbers for " + ids.size() + " neighbours");
        }
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < ids.size(); n++) {
            String id = ids.get(n);
            if (id.isEmpty() || id.equals(itemId) || !seen.add(id)) {
                throw new InvalidRecordException(
                        "neighbours", "entry " + n + " must name another item, once; got '" + id + "'");
            }
            float sim = similarities[n];
            if (!(sim > 0 && sim <= 1)) {
                throw new InvalidRecordException("similarities", "entry " + n + " must be in (0, 1], got " + sim);
            }
            if (n > 0 && sim > similarities[n - 1]) {
                throw new InvalidRecordException(
                        "similarities", "entry " + n + " is above the one before (most similar first)");
            }
        }
        lists.add(itemId, ids, similarities);
    }
}
