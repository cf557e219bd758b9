package dev.recsys.index.http;

import java.nio.ByteBuffer;
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
     * @param close whether the connection must close after this answer (what is left of the request body
     *     would be read as the next request)
     */
    static void write(
            Request request,
            Response response,
            int status,
            String contentType,
            byte[] body,
            boolean close,
            Callback callback) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        if (JSON.equals(contentType)) {
            headers.put(JSON_CONTENT_TYPE);
        } else {
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        headers.put(NO_STORE);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        if (close) {
            headers.put(HttpFields.CONNECTION_CLOSE);
        }
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }
}
