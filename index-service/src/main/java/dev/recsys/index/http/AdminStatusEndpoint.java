package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * {@code GET /v1/admin/status}: the live and previous generations (number, items, bytes on disk, path,
 * created), the generation list, the running or last reindex job, the catalog-topic offsets applied
 * and malformed records, and the shopper count. Needs the admin token.
 */
public final class AdminStatusEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/status";

    private final AdminAuth auth;
    private final Supplier<ObjectNode> status;

    public AdminStatusEndpoint(AdminAuth auth, Supplier<ObjectNode> status) {
        super(PATH, true, "GET");
        this.auth = auth;
        this.status = status;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        auth.check(request);
        return ApiResponse.ok(status.get());
    }
}
