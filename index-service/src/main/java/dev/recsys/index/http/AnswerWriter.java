package dev.recsys.index.http;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends an answer, endpoint's or server's alike: the status, the headers every answer carries and the
 * body in one write (none for HEAD, which gets GET's headers). The constant headers are encoded once.
 */
final class AnswerWriter {
    static final String JSON = "application/json";

    private static final HttpField JSON_CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, JSON);
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private AnswerWriter() {}

    /**
     * Sets the status and headers and writes {@code body}; {@code callback} completes when it went out.
     *
     * @param contentType {@link #JSON} or another media type
     * @param headers the answer's own headers, set last (they replace a default of the same name)
     * @param close whether the connection must close after this answer (what is left of the request body
     *     would be read as the next request)
     */
    static void write(
            Request request,
            Response response,
            int status,
            String contentType,
            Map<String, String> headers,
            byte[] body,
            boolean close,
            Callback callback) {
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        if (JSON.equals(contentType)) {
            fields.put(JSON_CONTENT_TYPE);
        } else {
            fields.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        fields.put(NO_STORE);
        if (status != 304) { // "not modified" has no body, and its length would be the unsent one's
            fields.put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        headers.forEach(fields::put);
        if (close) {
            fields.put(HttpFields.CONNECTION_CLOSE);
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }
}
