package dev.recsys.index.http;

import java.util.Comparator;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands each request to the endpoint registered under the longest path that starts the request's raw path
 * at a segment boundary ({@code /v1/feed} does not claim {@code /v1/feedback}; {@code /v1/items/} claims
 * every item) or, for an endpoint of one exact path, is that path; every other path to {@link
 * NotFoundEndpoint}. Routing uses the raw path because a {@code
 * %2F} inside an item id is part of the id, not a separator; a path with a {@code .} or {@code ..} segment
 * is a 400, since what it names depends on who resolves it.
 */
final class ApiRouter extends Handler.Abstract {
    private final ApiHandler[] endpoints;
    private final ApiHandler notFound;

    /** @param endpoints the endpoints, each under its own {@link ApiHandler#path()} */
    ApiRouter(List<ApiHandler> endpoints, ApiHandler notFound) {
        // Endpoints block (Lucene, broker acknowledgements, request bodies): the server runs each request
        // on a virtual thread of its own rather than on a selector thread.
        super(InvocationType.BLOCKING);
        this.endpoints = endpoints.stream()
                .sorted(Comparator.comparingInt(
                                (ApiHandler endpoint) -> endpoint.path().length())
                        .reversed())
                .toArray(ApiHandler[]::new);
        this.notFound = notFound;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null) {
            path = "/";
        }
        if (hasDotSegment(path)) {
            // A proxy or client library would resolve it and mean another path than the raw one routed here.
            Response.writeError(request, response, callback, 400, "dot segment in the path");
        } else {
            route(path).handle(request, response, callback);
        }
        return true;
    }

    /** Whether a segment of the raw path is {@code .} or {@code ..} (the encoded forms the server rejects). */
    static boolean hasDotSegment(String path) {
        for (int dot = path.indexOf("/."); dot >= 0; dot = path.indexOf("/.", dot + 1)) {
            int end = path.indexOf('/', dot + 1);
            int length = (end < 0 ? path.length() : end) - dot - 1; // the segment starts with its dot
            if (length == 1 || (length == 2 && path.charAt(dot + 2) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** The endpoint that answers {@code path}. */
    ApiHandler route(String path) {
        for (ApiHandler endpoint : endpoints) {
            String prefix = endpoint.path();
            if (endpoint.exact() && !path.equals(prefix)) {
                continue; // "/" serves the storefront, not every path under it
            }
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length()
                            || prefix.endsWith("/")
                            || path.charAt(prefix.length()) == '/')) {
                return endpoint;
            }
        }
        return notFound;
    }
}
