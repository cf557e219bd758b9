package dev.recsys.ranker.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = MAPPER.readTree(parser);
            // readTree alone stops after the first value and would accept "{...} trailing garbage".
            if (parser.nextToken() != null) {
                throw new InvalidRecordException(null, "malformed JSON: unexpected content after the first value");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(null, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a string", e);
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
