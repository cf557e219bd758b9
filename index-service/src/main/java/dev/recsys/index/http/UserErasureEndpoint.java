package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.erasure.ErasurePublisher;
import dev.recsys.index.erasure.ShopperEraser;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.JsonFields;
import dev.recsys.ranker.records.Erasure;
import java.util.List;

/**
 * {@code DELETE /v1/admin/users/{id}}: erases a shopper (GDPR Article 17). The erasure is recorded on
 * the {@code erasures} topic and, once the brokers acknowledged it, the shopper is gone from this
 * service. Answers 202 {@code {userId, erasedAt, status, message}}: the stream job and the other
 * replicas complete it as they read the topic. The answer is the same whether or not the service knew
 * the shopper (it never says which), and erasing again is safe. 400 for a blank or overlong id; 503
 * when the brokers did not acknowledge in time (retrying is safe). Needs the admin token.
 */
public final class UserErasureEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/users/";

    private final AdminAuth auth;
    private final ShopperEraser eraser;

    public UserErasureEndpoint(AdminAuth auth, ShopperEraser eraser) {
        super(PATH, false, "DELETE");
        this.auth = auth;
        this.eraser = eraser;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        auth.check(request);
        List<String> segments = request.segmentsAfter(PATH);
        if (segments.size() != 1 || segments.getFirst().isEmpty()) {
            throw ApiException.notFound("no such path: " + request.pathExcerpt());
        }
        String userId = segments.getFirst();
        ApiException.checkArgument(!userId.isBlank(), "userId", "must not be blank");
        ApiException.checkArgument(
                userId.length() <= JsonFields.MAX_ID_LENGTH,
                "userId",
                "must be at most " + JsonFields.MAX_ID_LENGTH + " characters");
        Erasure erasure;
        try {
            erasure = eraser.erase(userId);
        } catch (ErasurePublisher.PublishException e) {
            throw new ApiException(
                    503, "unavailable", "the brokers did not acknowledge the erasure in time; retrying is safe", null);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("userId", erasure.userId());
        body.put("erasedAt", erasure.erasedAt());
        body.put("status", "accepted");
        body.put(
                "message",
                "erased from this service; the stream job and the other replicas complete the erasure from the"
                        + " erasures topic");
        return new ApiResponse(202, body);
    }
}
