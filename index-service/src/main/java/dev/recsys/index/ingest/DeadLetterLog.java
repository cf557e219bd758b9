package dev.recsys.index.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.topics.RecordHandler;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The dead letters of {@code interactions-dlq} as an operator reads them: how many, how many per field at
 * fault ({@value #WHOLE_RECORD} when the record as a whole was unreadable), and the latest {@value #KEPT}
 * with their reasons and an excerpt of the record ({@link Excerpt}: at most 40 characters, escaped). A
 * value this log cannot read is counted as such, never thrown.
 */
public final class DeadLetterLog implements RecordHandler {
    /** Dead letters kept whole, newest last. */
    static final int KEPT = 20;

    /** The field of a dead letter that names none. */
    static final String WHOLE_RECORD = "(record)";

    private final Deque<Letter> latest = new ArrayDeque<>(KEPT);
    private final Map<String, Long> byField = new TreeMap<>();
    private long total;
    private long unreadable;

    /** One dead letter as shown: when, the field, the reason and the excerpt of the record. */
    record Letter(long rejectedAt, String field, String reason, String excerpt) {}

    @Override
    public synchronized void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        total++;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(record.value());
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("reason").isTextual()) {
            unreadable++;
            return;
        }
        String field = node.path("field").isTextual()
                ? Excerpt.field(node.path("field").asText())
                : WHOLE_RECORD;
        byField.merge(field, 1L, Long::sum);
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(new Letter(
                node.path("rejectedAt").asLong(record.timestamp()),
                field,
                Excerpt.reason(node.path("reason").asText()),
                Excerpt.of(node.path("raw").asText(new String(record.value(), StandardCharsets.UTF_8)))));
    }

    @Override
    public synchronized String summary() {
        return total + " dead letters";
    }

    /** {@code {total, unreadable, byField: {field: count}, latest: [{rejectedAt, field, reason, record}]}}, newest first. */
    public synchronized ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("total", total);
        node.put("unreadable", unreadable);
        ObjectNode fields = node.putObject("byField");
        byField.forEach(fields::put);
        ArrayNode list = node.putArray("latest");
        latest.descendingIterator().forEachRemaining(letter -> {
            ObjectNode entry = list.addObject();
            entry.put("rejectedAt", letter.rejectedAt());
            entry.put("field", letter.field());
            entry.put("reason", letter.reason());
            entry.put("record", letter.excerpt());
        });
        return node;
    }
}
