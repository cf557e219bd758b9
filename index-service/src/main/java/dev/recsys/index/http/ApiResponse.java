package dev.recsys.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;

/** A JSON answer: a status and the body. */
public record ApiResponse(int status, JsonNode body) {

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** The JSON error body {@code {error, message, field?}}. */
    public static ObjectNode errorBody(String error, String message, String field) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("error", error);
        node.put("message", message);
        if (field != null) {
            node.put("field", field);
        }
        return node;
    }
}
