package dev.recsys.ranker.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;

/** The one shared Jackson mapper and the two conversions every codec needs. */
public final class Json {
    /** Thread-safe once configured; shared to avoid re-building its caches per record. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // Bound what one record may cost to parse (untrusted input from HTTP and Kafka).
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(1_000_000)
                        .build());
    }

    private Json() {}

    /** Parses text that must be one JSON object; anything else is an invalid record. */
    public static ObjectNode parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRecordException(null, "empty record");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRecordException(null, "expected a JSON object");
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
