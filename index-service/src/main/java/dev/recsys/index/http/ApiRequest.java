package dev.recsys.index.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What an endpoint needs to know about one request: method, path, parameters and body. */
public final class ApiRequest {
    /** Beyond this much of a rejected body the connection is simply closed. */
    static final long MAX_DRAIN_BYTES = 16L << 20;

    private final HttpExchange exchange;
    private final String path;
    private QueryParams params;

    ApiRequest(HttpExchange exchange) {
        this.exchange = exchange;
        String rawPath = exchange.getRequestURI().getRawPath();
        this.path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The raw (still percent-encoded) path. */
    public String path() {
        return path;
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
        return exchange.getRequestHeaders().getFirst(name);
    }

    public QueryParams params() {
        if (params == null) {
            params = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        }
        return params;
    }

    /**
     * The body as UTF-8 text; more than {@code limitBytes} is a 413. A too-large body is still read
     * and discarded (up to {@value #MAX_DRAIN_BYTES} bytes) so that the client, still sending, gets to
     * read the answer instead of a reset connection.
     */
    public String body(int limitBytes) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.strip());
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest(null, "malformed Content-Length header");
                }
                if (length > limitBytes) {
                    drain(in);
                    throw ApiException.payloadTooLarge(limitBytes);
                }
            }
            byte[] bytes = in.readNBytes(limitBytes + 1);
            if (bytes.length > limitBytes) {
                drain(in);
                throw ApiException.payloadTooLarge(limitBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The body as UTF-8 lines, read as they arrive (for uploads too large to hold as one string); reading
     * past {@code limitBytes} throws a 413. The caller closes the reader; {@link #discardRest} before
     * answering early lets a client that is still sending read the answer.
     */
    public BufferedReader bodyLines(long limitBytes) {
        InputStream limited = new FilterInputStream(exchange.getRequestBody()) {
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
        drain(exchange.getRequestBody());
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = MAX_DRAIN_BYTES;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
            left -= n;
        }
    }
}
