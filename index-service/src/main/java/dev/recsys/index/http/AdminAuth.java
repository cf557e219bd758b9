package dev.recsys.index.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The admin token check: {@code Authorization: Bearer <token>}. No or a malformed header is a 401, a
 * wrong token a 403. Tokens are compared in constant time.
 */
public final class AdminAuth {
    private final byte[] token;

    public AdminAuth(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** A random token (128 bits, hex) for a service started without one. */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Throws 401 or 403 unless the request carries the token. */
    public void check(ApiRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("admin endpoints need the header 'Authorization: Bearer <token>'");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw ApiException.forbidden("wrong admin token");
        }
    }
}
