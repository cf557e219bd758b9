package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.json.Json;

/** {@code GET /healthz}: liveness. 200 {@code {status: "ok"}} whenever the process answers HTTP. */
public final class HealthEndpoint extends ApiHandler {
    public static final String PATH = "/healthz";

    public HealthEndpoint() {
        super(PATH, true, "GET");
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("status", "ok");
        return ApiResponse.ok(body);
    }
}
