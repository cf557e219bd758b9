package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.feed.Feed;
import dev.recsys.index.feed.FeedRequest;
import dev.recsys.index.feed.FeedService;
import dev.recsys.index.metrics.ExposureRecorder;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.rank.BlendWeights;
import java.util.Set;

/**
 * {@code GET /v1/feed?user=&k=&category=&exclude=&explain=&w.*=}: a shopper's personalised feed. The items
 * served are recorded for exposure accounting. Needs the API token when the service has one.
 */
public final class FeedEndpoint extends ApiHandler {
    public static final String PATH = "/v1/feed";

    private final FeedService feeds;
    private final ExposureRecorder exposure;
    private final Credentials credentials;

    public FeedEndpoint(FeedService feeds, ExposureRecorder exposure, Credentials credentials) {
        super(PATH, true, "GET");
        this.feeds = feeds;
        this.exposure = exposure;
        this.credentials = credentials;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        credentials.check(request, Credentials.Access.SHOPPER);
        Feed feed = feeds.feed(feedRequest(request.params(), feeds.config().weights()));
        if (!"HEAD".equals(request.method())) { // a HEAD answer shows the shopper nothing
            exposure.served(feed.items());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("user", feed.user());
        if (feed.profileVersion() == null) {
            body.putNull("profileVersion");
        } else {
            body.put("profileVersion", feed.profileVersion());
        }
        body.put("coldStart", feed.coldStart());
        body.put("generation", feed.generation());
        body.put("candidates", feed.candidates());
        ArrayNode sources = body.putArray("sources");
        feed.sources().forEach(sources::add);
        body.set("items", ResultJson.rankedList(feed.items(), feed.explain()));
        body.set(
                "fairness",
                ResultJson.fairness(feed.fairness(), feeds.config().policy().describeProtectedGroup()));
        return ApiResponse.ok(body);
    }

    /** The feed request the query parameters describe; a bad one is an error naming the parameter. */
    static FeedRequest feedRequest(QueryParams params, BlendWeights defaultWeights) {
        return new FeedRequest(
                params.required("user", FeedRequest.MAX_ID_LENGTH),
                params.intInRange("k", FeedRequest.DEFAULT_K, FeedRequest.MIN_K, FeedRequest.MAX_K),
                params.optional("category", FeedRequest.MAX_CATEGORY_LENGTH),
                Set.copyOf(params.list("exclude", FeedRequest.MAX_EXCLUDE, FeedRequest.MAX_ID_LENGTH)),
                params.bool("explain", true),
                WeightParams.read(params, defaultWeights));
    }
}
