package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.ranker.json.Json;
import java.io.IOException;

/**
 * {@code POST /v1/admin/rollback}: makes the previous generation live again (caught up with the catalog
 * topic) and the live one previous. 200 {@code {live, previous, caughtUp}}; 409 without a previous
 * generation or while a reindex runs. Needs the admin token.
 */
public final class RollbackEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/rollback";

    private final AdminAuth auth;
    private final Reindexer reindexer;

    public RollbackEndpoint(AdminAuth auth, Reindexer reindexer) {
        super(PATH, true, "POST");
        this.auth = auth;
        this.reindexer = reindexer;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) throws IOException {
        auth.check(request);
        Reindexer.RollbackResult result;
        try {
            result = reindexer.rollback();
        } catch (Reindexer.ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.notReady("interrupted");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("live", result.live());
        body.put("previous", result.previous());
        body.put("caughtUp", result.caughtUp());
        return ApiResponse.ok(body);
    }
}
