package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.vector.VectorMath;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/items/{id}}: the catalog item as stored. {@code GET /v1/items/{id}/similar?k=}: its
 * nearest in-stock neighbours by content vector (cosine as the score), k from 1 to {@value #MAX_K},
 * default {@value #DEFAULT_K}. 404 for an unknown item. Needs the API token when the service has one.
 */
public final class ItemEndpoint extends ApiHandler {
    public static final String PATH = "/v1/items/";
    public static final int DEFAULT_K = 10;
    public static final int MAX_K = 100;

    private final LiveCatalog catalog;
    private final Credentials credentials;

    public ItemEndpoint(LiveCatalog catalog, Credentials credentials) {
        super(PATH, false, "GET");
        this.catalog = catalog;
        this.credentials = credentials;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        credentials.check(request, Credentials.Access.SHOPPER);
        List<String> segments = request.segmentsAfter(PATH);
        boolean similar = segments.size() == 2 && segments.get(1).equals("similar");
        if (!(segments.size() == 1 || similar) || segments.getFirst().isEmpty()) {
            throw ApiException.notFound("no such path: " + request.pathExcerpt());
        }
        try (CatalogLease lease = catalog.acquire()) {
            return serve(request, lease.index(), segments.getFirst(), similar);
        }
    }

    private ApiResponse serve(ApiRequest request, CatalogIndex index, String itemId, boolean similar) {
        CatalogItem item =
                index.item(itemId).orElseThrow(() -> ApiException.notFound("no item '" + itemId + "' in the catalog"));
        if (!similar) {
            ObjectNode body = CatalogItemJson.toNode(item);
            body.put("generation", index.generation());
            return ApiResponse.ok(body);
        }
        int k = request.params().intInRange("k", DEFAULT_K, 1, MAX_K);
        float[] vector = index.contentVector(itemId);
        ArrayNode items = Json.MAPPER.createArrayNode();
        if (vector != null && !VectorMath.isZero(vector)) {
            ItemFilter filter = ItemFilter.NONE.inStock().withExclusions(Set.of(itemId));
            for (Hit hit : index.knn(vector, k, filter)) {
                float[] other = index.contentVector(hit.itemId());
                double cosine = other == null ? 2 * hit.score() - 1 : VectorMath.cosine(vector, other);
                items.add(ResultJson.item(hit.item(), cosine));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("itemId", itemId);
        body.put("title", item.title());
        body.put("generation", index.generation());
        body.set("items", items);
        return ApiResponse.ok(body);
    }
}
