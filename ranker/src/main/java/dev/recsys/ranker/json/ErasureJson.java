package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.Erasure;
import dev.recsys.ranker.records.InvalidRecordException;

/** JSON form of {@link Erasure}, {@code {"userId": "...", "erasedAt": ms}}; unknown fields are ignored. */
public final class ErasureJson {
    private ErasureJson() {}

    /** Parses and validates one value; failures name the field. */
    public static Erasure parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        String userId = fields.id("userId");
        long erasedAt = fields.requiredLong("erasedAt");
        if (erasedAt < 0) {
            throw new InvalidRecordException("erasedAt", "must be epoch milliseconds, not negative");
        }
        return new Erasure(userId, erasedAt);
    }

    public static String write(Erasure erasure) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("userId", erasure.userId());
        node.put("erasedAt", erasure.erasedAt());
        return node.toString();
    }
}
