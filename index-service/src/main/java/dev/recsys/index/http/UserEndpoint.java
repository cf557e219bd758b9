package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.List;

/**
 * {@code GET /v1/users/{id}}: what the service knows of a shopper — the version of their vectors,
 * when they were updated, the newest event applied, their recent items and counts per event type.
 * The vectors themselves are left out. 404 for a shopper the service has no vectors for.
 *
 * <p>A shopper's purchases, dislikes and times are theirs: this always needs a token, the API token or
 * the admin token (the admin token alone when the service has no API token), checked before anything
 * else so an unauthorised caller learns nothing, not even whether the shopper is known.
 */
public final class UserEndpoint extends ApiHandler {
    public static final String PATH = "/v1/users/";

    private final UserVectorStore users;
    private final LiveCatalog catalog;
    private final Credentials credentials;

    public UserEndpoint(UserVectorStore users, LiveCatalog catalog, Credentials credentials) {
        super(PATH, false, "GET");
        this.users = users;
        this.catalog = catalog;
        this.credentials = credentials;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        credentials.check(request, Credentials.Access.SHOPPER_RECORD);
        List<String> segments = request.segmentsAfter(PATH);
        if (segments.size() != 1 || segments.getFirst().isEmpty()) {
            throw ApiException.notFound("no such path: " + request.pathExcerpt());
        }
        String userId = segments.getFirst();
        UserVectors user = users.get(userId)
                .orElseThrow(() -> ApiException.notFound("no vectors for shopper '" + userId + "' yet"));
        try (CatalogLease lease = catalog.tryAcquire()) {
            return describe(user, lease == null ? null : lease.index());
        }
    }

    private static ApiResponse describe(UserVectors user, CatalogIndex index) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("userId", user.userId());
        body.put("version", user.version());
        body.put("updatedAt", user.updatedAt());
        body.put("eventTs", user.eventTs());
        body.put("dimension", user.content().length);
        body.put("hasCf", user.cf() != null);
        ArrayNode recent = body.putArray("recent");
        for (RecentInteraction entry : user.recent()) {
            ObjectNode node = recent.addObject();
            node.put("itemId", entry.itemId());
            node.put("type", entry.type().jsonName());
            node.put("ts", entry.ts());
            if (index != null) {
                index.item(entry.itemId()).ifPresent(item -> node.put("title", item.title()));
            }
        }
        ObjectNode counts = body.putObject("counts");
        user.counts().forEach(counts::put);
        return ApiResponse.ok(body);
    }
}
