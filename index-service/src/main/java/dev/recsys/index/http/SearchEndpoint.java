package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.metrics.ExposureRecorder;
import dev.recsys.index.search.SearchRequest;
import dev.recsys.index.search.SearchResult;
import dev.recsys.index.search.SearchService;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.rank.BlendWeights;

/**
 * {@code GET /v1/search?q=&user=&k=&category=&priceMin=&priceMax=&w.*=}: personalised text search. The
 * items served are recorded for exposure accounting. Needs the API token when the service has one.
 */
public final class SearchEndpoint extends ApiHandler {
    public static final String PATH = "/v1/search";

    private final SearchService search;
    private final ExposureRecorder exposure;
    private final Credentials credentials;

    public SearchEndpoint(SearchService search, ExposureRecorder exposure, Credentials credentials) {
        super(PATH, true, "GET");
        this.search = search;
        this.exposure = exposure;
        this.credentials = credentials;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        credentials.check(request, Credentials.Access.SHOPPER);
        SearchResult result = search.search(searchRequest(request.params(), search.weights()));
        if (!"HEAD".equals(request.method())) { // a HEAD answer shows the shopper nothing
            exposure.served(result.items());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", result.query());
        if (result.user() == null) {
            body.putNull("user");
        } else {
            body.put("user", result.user());
        }
        if (result.profileVersion() == null) {
            body.putNull("profileVersion");
        } else {
            body.put("profileVersion", result.profileVersion());
        }
        body.put("personalised", result.personalised());
        body.put("generation", result.generation());
        body.put("textHits", result.textHits());
        body.put("vectorHits", result.vectorHits());
        body.put("candidates", result.candidates());
        body.set("items", ResultJson.rankedList(result.items(), true));
        body.set(
                "fairness",
                ResultJson.fairness(result.fairness(), search.policy().describeProtectedGroup()));
        return ApiResponse.ok(body);
    }

    /** The search request the query parameters describe; a bad one is an error naming the parameter. */
    static SearchRequest searchRequest(QueryParams params, BlendWeights defaultWeights) {
        return new SearchRequest(
                params.required("q", SearchRequest.MAX_QUERY_LENGTH),
                params.optional("user", SearchRequest.MAX_ID_LENGTH),
                params.intInRange("k", SearchRequest.DEFAULT_K, SearchRequest.MIN_K, SearchRequest.MAX_K),
                params.optional("category", SearchRequest.MAX_CATEGORY_LENGTH),
                params.nonNegativeDouble("priceMin"),
                params.nonNegativeDouble("priceMax"),
                WeightParams.read(params, defaultWeights));
    }
}
