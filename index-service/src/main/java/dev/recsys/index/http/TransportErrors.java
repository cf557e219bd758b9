package dev.recsys.index.http;

import java.util.List;
import java.util.Locale;

/**
 * The error answer for a request the HTTP server rejected before any endpoint saw it: malformed request
 * line, path or headers, a conflicting Content-Length, an unsupported HTTP version, headers over the limit.
 * The message is always one of the fixed texts here: the server's own reason is only used to choose
 * among them, so no class name, internal detail or piece of the raw request reaches the client.
 */
final class TransportErrors {

    /** Words in the server's reasons for rejecting a path (ambiguous or suspicious segments, encodings). */
    private static final List<String> PATH_FAULTS =
            List.of("path", "segment", "encoding", "utf", "suspicious", "fragment", "ambiguous");

    private TransportErrors() {}

    /** The answer for {@code status}; {@code reason} (the server's, may be {@code null}) picks the message. */
    static ApiException describe(int status, String reason) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400 -> ApiException.badRequest(null, badRequestMessage(why));
            case 404 -> ApiException.notFound("no such path");
            case 408 -> new ApiException(408, "request_timeout", "the request did not arrive in time", null);
            case 413 ->
                new ApiException(413, "payload_too_large", "the request is larger than the server accepts", null);
            case 414 ->
                new ApiException(
                        414,
                        "uri_too_long",
                        "the request line is longer than " + ApiServer.MAX_REQUEST_HEADER_BYTES + " bytes",
                        null);
            case 417 -> new ApiException(417, "expectation_failed", "only 'Expect: 100-continue' is supported", null);
            case 431 ->
                new ApiException(
                        431,
                        "header_fields_too_large",
                        "the request line and headers are larger than " + ApiServer.MAX_REQUEST_HEADER_BYTES + " bytes",
                        null);
            case 501 -> new ApiException(501, "not_implemented", "the server does not support this request", null);
            case 503 -> new ApiException(503, "unavailable", "the service is shutting down", null);
            case 505 ->
                new ApiException(505, "http_version_not_supported", "unsupported HTTP version; use HTTP/1.1", null);
            default ->
                status >= 400 && status < 500
                        ? new ApiException(status, "bad_request", "the request was rejected", null)
                        : new ApiException(
                                status >= 500 && status < 600 ? status : 500,
                                "internal",
                                "unexpected error while serving the request",
                                null);
        };
    }

    /** What was wrong, in words a client developer can act on; {@code why} is the server's reason in lower case. */
    private static String badRequestMessage(String why) {
        if (why.contains("content-length")) {
            return "malformed or conflicting Content-Length header";
        }
        if (why.contains("transfer-encoding")) {
            return "unsupported or malformed Transfer-Encoding (only chunked is accepted)";
        }
        if (why.contains("host") || why.contains("authority")) {
            return "missing or malformed Host header";
        }
        if (PATH_FAULTS.stream().anyMatch(why::contains)) {
            return "malformed or ambiguous path: check its percent-encoding (UTF-8), and that it has no empty, '.'"
                    + " or '..' segments, backslashes or fragment";
        }
        return "malformed request line or headers";
    }
}
