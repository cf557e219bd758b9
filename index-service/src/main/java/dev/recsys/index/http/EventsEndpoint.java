package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.events.EventPublisher;
import dev.recsys.ranker.json.Json;
import java.io.IOException;

/**
 * {@code POST /v1/events}: one interaction event or a JSON array of them, validated, then produced
 * to {@code interactions}. Answers 202 {@code {accepted: n}} once the brokers acknowledged every
 * event; any invalid event rejects the whole body with 400 naming it ({@code [3].type}); a body over
 * {@value #MAX_BODY_BYTES} bytes is a 413; brokers that do not acknowledge in time give 503 (retrying
 * the same body is safe: the stream job de-duplicates by eventId).
 */
public final class EventsEndpoint extends ApiHandler {
    public static final String PATH = "/v1/events";
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final EventPublisher publisher;

    public EventsEndpoint(EventPublisher publisher) {
        super(PATH, true, "POST");
        this.publisher = publisher;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) throws IOException {
        String body = request.body(MAX_BODY_BYTES);
        int accepted;
        try {
            accepted = publisher.publish(body);
        } catch (EventPublisher.PublishException e) {
            throw new ApiException(503, "unavailable", e.getMessage(), null);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("accepted", accepted);
        return new ApiResponse(202, node);
    }
}
