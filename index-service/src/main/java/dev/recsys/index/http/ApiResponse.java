package dev.recsys.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer: a status and a JSON body or, for the endpoints whose clients expect another format ({@code
 * /metrics}, the web pages), the body's bytes and their content type; and any headers of its own, which
 * replace the ones every answer carries (such as {@code Cache-Control: no-store}).
 */
public record ApiResponse(int status, JsonNode body, String contentType, byte[] bytes, Map<String, String> headers) {

    public ApiResponse {
        if (bytes != null && contentType == null) {
            throw new IllegalArgumentException("an answer in another format than JSON needs a content type");
        }
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, JsonNode body) {
        this(status, body, null, null, Map.of());
    }

    /** This answer with {@code extra} headers too (a later value replaces an earlier one of the same name). */
    public ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiResponse(status, body, contentType, bytes, all);
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    /** A text answer; {@code contentType} names its charset, the text is sent as UTF-8. */
    public static ApiResponse text(int status, String contentType, String text) {
        return bytes(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer in another format than JSON, sent as these bytes. */
    public static ApiResponse bytes(int status, String contentType, byte[] bytes) {
        return new ApiResponse(status, null, contentType, bytes, Map.of());
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
