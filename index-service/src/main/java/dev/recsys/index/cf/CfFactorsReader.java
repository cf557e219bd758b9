package dev.recsys.index.cf;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;

/**
 * Reads trained CF factors in the form {@code recsys train} writes them: a model line {@code {"factors":
 * k, "lambda": λ, "alpha": α, "yty": [k² numbers]}} and one {@code {"itemId": "...", "cf": [k numbers]}}
 * per item ({@code cf} may also be the base64 float32 form of the data contracts). On disk the model line
 * is {@value #MODEL_FILE} and the items {@value #ITEMS_FILE}; uploaded, the model line comes first and the
 * items follow. Every problem is reported with the line and the field, nothing is half-read.
 */
public final class CfFactorsReader {
    public static final String MODEL_FILE = "yty.json";
    public static final String ITEMS_FILE = "item-factors.jsonl";

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
     * The factors in a directory written by {@code recsys train --out DIR}.
     *
     * @param flag the request field or flag that named the directory, for messages
     */
    public static CfFactors readDirectory(Path dir, String flag) throws IOException {
        Path model = dir.resolve(MODEL_FILE);
        Path items = dir.resolve(ITEMS_FILE);
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
            return new CfFactors(header, items(in, header.factors(), ITEMS_FILE + " line ", 1));
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
        return new CfFactors(header, items(in, header.factors(), "line ", firstLine + 1));
    }

    /** The model line, checked as a {@code cf-model} record is (the generation is set later). */
    static CfModel model(String json, String where) {
        try {
            ObjectNode node = Json.parseObject(json);
            if (node.has("generation")) {
                throw new InvalidRecordException(
                        "generation", "is set by the catalog build that attaches the factors, not by the trainer");
            }
            node.put("generation", 0);
            return CfModelJson.parse(Json.write(node));
        } catch (InvalidRecordException e) {
            throw new InvalidCfFactorsException(e.field(), where + e.getMessage());
        }
    }

    private static Map<String, float[]> items(BufferedReader in, int factors, String where, long firstLine)
            throws IOException {
        Map<String, float[]> items = new HashMap<>();
        long line = firstLine - 1;
        for (String text; (text = in.readLine()) != null; ) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonFields fields = new JsonFields(Json.parseObject(text));
                String itemId = fields.id("itemId");
                float[] cf = fields.vector("cf", true);
                if (cf.length != factors) {
                    throw new InvalidRecordException(
                            "cf", "has " + cf.length + " numbers, the model has " + factors + " factors");
                }
                if (items.putIfAbsent(itemId, cf) != null) {
                    throw new InvalidRecordException("itemId", "'" + itemId + "' appears twice");
                }
            } catch (InvalidRecordException e) {
                throw new InvalidCfFactorsException(e.field(), where + line + ": " + e.getMessage());
            }
        }
        if (items.isEmpty()) {
            throw new InvalidCfFactorsException(null, "no item factors after the model line");
        }
        return items;
    }
}
