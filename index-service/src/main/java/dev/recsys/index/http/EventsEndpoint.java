package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.ranker.json.Json;
import java.io.IOException;

/**
 * {@code POST /v1/events}: one interaction event or a JSON array of them, checked as the stream job
 * checks them, then produced to {@code interactions}. Answers 202 {@code {accepted: n}} once the brokers
 * acknowledged every event; any invalid event rejects the whole body with 400 naming it ({@code
 * [3].type}), an event for an item the catalog does not hold with 422 {@code unknown_item} ({@code
 * [3].itemId}); a body over {@value #MAX_BODY_BYTES} bytes is a 413; brokers that do not acknowledge
 * in time give 503, saying the events may have been stored and that retrying the same body is safe
 * (the stream job de-duplicates by eventId). Needs the API token when the service has one.
 */
public final class EventsEndpoint extends ApiHandler {
    public static final String PATH = "/v1/events";
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final EventPublisher publisher;
    private final Credentials credentials;

    public EventsEndpoint(EventPublisher publisher, Credentials credentials) {
        super(PATH, true, "POST");
        this.publisher = publisher;
        this.credentials = credentials;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) throws IOException {
        credentials.check(request, Credentials.Access.SHOPPER);
        String body = request.body(MAX_BODY_BYTES);
        int accepted;
        try {
            accepted = publisher.publish(body);
        } catch (EventPublisher.UnknownItemException e) {
            throw new ApiException(422, "unknown_item", e.getMessage(), e.field());
        } catch (EventPublisher.PublishException e) {
            throw new ApiException(503, "unavailable", e.getMessage(), null);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("accepted", accepted);
        return new ApiResponse(202, node);
    }
}
