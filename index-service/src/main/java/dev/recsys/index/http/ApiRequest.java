package dev.recsys.index.http;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** What an endpoint needs to know about one request: method, path, parameters and body. */
public final class ApiRequest {
    /** Beyond this much of a rejected body the connection is simply closed. */
    static final long MAX_DRAIN_BYTES = 16L << 20;

    /** Characters of the path an error message repeats. */
    private static final int PATH_EXCERPT_CHARS = 100;

    private final Request request;
    private final String path;
    private QueryParams params;
    private InputStream body;

    ApiRequest(Request request) {
        this.request = request;
        String rawPath = request.getHttpURI().getPath();
        this.path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    public String method() {
        return request.getMethod();
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
        return path;
    }

    /** The path for an error message: at most {@value #PATH_EXCERPT_CHARS} characters of it. */
    String pathExcerpt() {
        return path.length() <= PATH_EXCERPT_CHARS ? path : path.substring(0, PATH_EXCERPT_CHARS) + "...";
    }

    /**
     * The decoded segments of the path after {@code prefix}, e.g. {@code ["p1", "similar"]} for
     * {@code /v1/items/p1/similar} after {@code /v1/items/}. A {@code %2F} inside a segment stays
     * part of that segment, and {@code +} stays a plus sign (it means space only in query strings).
     */
    public List<String> segmentsAfter(String prefix) {
        if (!path.startsWith(prefix)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String raw : path.substring(prefix.length()).split("/", -1)) {
            try {
                out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(null, "malformed percent-encoding in the path");
            }
        }
        return out;
    }

    /** The first value of a request header, or {@code null}. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public QueryParams params() {
        if (params == null) {
            params = QueryParams.parse(request.getHttpURI().getQuery());
        }
        return params;
    }

    /**
     * The body as UTF-8 text; more than {@code limitBytes} is a 413. A too-large body is still read
     * and discarded (up to {@value #MAX_DRAIN_BYTES} bytes) so that the client, still sending, gets to
     * read the answer instead of a reset connection.
     */
    public String body(int limitBytes) throws IOException {
        InputStream in = bodyStream();
        // The server has already rejected a malformed or repeated Content-Length.
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limitBytes) {
            drain(in);
            throw ApiException.payloadTooLarge(limitBytes);
        }
        byte[] bytes = in.readNBytes(limitBytes + 1);
        if (bytes.length > limitBytes) {
            drain(in);
            throw ApiException.payloadTooLarge(limitBytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The body as UTF-8 lines, read as they arrive (for uploads too large to hold as one string); reading
     * past {@code limitBytes} throws a 413. The caller closes the reader; {@link #discardRest} before
     * answering early lets a client that is still sending read the answer.
     */
    public BufferedReader bodyLines(long limitBytes) {
        InputStream limited = new FilterInputStream(bodyStream()) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(0, n));
                return n;
            }

            private void count(int n) throws IOException {
                read += n;
                if (read > limitBytes) {
                    drain(in);
                    throw ApiException.payloadTooLarge(limitBytes);
                }
            }
        };
        return new BufferedReader(new InputStreamReader(limited, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Reads and drops what is left of the body (up to {@value #MAX_DRAIN_BYTES} bytes). */
    public void discardRest() throws IOException {
        drain(bodyStream());
    }

    /** One stream over the body for the whole request, so that what one reader left another can drain. */
    private InputStream bodyStream() {
        if (body == null) {
            body = new RequestBody(request);
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAIN_BYTES;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
            left -= n;
        }
    }
}
