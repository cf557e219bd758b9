package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;
import java.util.List;

/**
 * {@code GET /readyz}: readiness. 200 {@code {status: "ready", ...}} once the catalog is loaded, its
 * item vectors are published and the user-vectors consumer has caught up; otherwise 503 with the
 * error body and {@code missing}, the list of what is still awaited.
 */
public final class ReadyEndpoint extends ApiHandler {
    public static final String PATH = "/readyz";

    private final ReadinessProbe probe;

    public ReadyEndpoint(ReadinessProbe probe) {
        super(PATH, true, "GET");
        this.probe = probe;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        List<String> missing = probe.missing();
        ObjectNode body;
        if (missing.isEmpty()) {
            body = Json.MAPPER.createObjectNode();
            body.put("status", "ready");
        } else {
            body = ApiResponse.errorBody("not_ready", "waiting for: " + String.join("; ", missing), null);
            body.put("status", "not_ready");
            ArrayNode list = body.putArray("missing");
            missing.forEach(list::add);
        }
        probe.describe(body);
        return new ApiResponse(missing.isEmpty() ? 200 : 503, body);
    }
}
