package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.feed.Feed;
import dev.recsys.index.feed.FeedRequest;
import dev.recsys.index.feed.FeedService;
import dev.recsys.index.metrics.ExposureRecorder;
import dev.recsys.ranker.json.Json;

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
        FeedRequest feedRequest =
                FeedRequest.parse(request.params(), feeds.config().weights());
        Feed feed = feeds.feed(feedRequest);
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
        body.set("items", ResultJson.rankedList(feed.items(), feed.explain()));
        body.set(
                "fairness",
                ResultJson.fairness(feed.fairness(), feeds.config().policy().describeProtectedGroup()));
        return ApiResponse.ok(body);
    }
}
