package dev.recsys.index.http;

/** Every path no other endpoint claims: 404 with the JSON error body. */
public final class NotFoundEndpoint extends ApiHandler {

    public NotFoundEndpoint() {
        super("/", false);
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        throw ApiException.notFound("no such path: " + request.pathExcerpt());
    }
}
