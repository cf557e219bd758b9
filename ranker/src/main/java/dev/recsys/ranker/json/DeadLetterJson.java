package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value written to {@code interactions-dlq}: the raw record exactly as received (it may not
 * even be JSON), why it was rejected, the field at fault when there is one, and when.
 */
public final class DeadLetterJson {
    private DeadLetterJson() {}

    public static String write(String raw, String field, String reason, long rejectedAtMillis) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("raw", raw);
        node.put("reason", reason);
        if (field != null) {
            node.put("field", field);
        }
        node.put("rejectedAt", rejectedAtMillis);
        return Json.write(node);
    }
}
