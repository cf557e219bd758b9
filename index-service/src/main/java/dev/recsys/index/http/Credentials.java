package dev.recsys.index.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The service's bearer tokens and which of them each kind of endpoint accepts, checked from {@code
 * Authorization: Bearer <token>}: no or a malformed header is a 401, a token the endpoint does not accept
 * a 403.
 *
 * <ul>
 *   <li>{@link Access#ADMIN} ({@code /v1/admin/*}): the admin token.
 *   <li>{@link Access#SHOPPER} (feed, search, items, events): the API token or the admin token; open to
 *       anyone while the service has no API token.
 *   <li>{@link Access#SHOPPER_RECORD} ({@code /v1/users/{id}}, a shopper's history): the API token or the
 *       admin token, the admin token alone while there is no API token. Never open.
 * </ul>
 *
 * Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about the token, not even its length, and every accepted token is compared every time.
 */
public final class Credentials {
    /** What an endpoint exposes, and so which tokens it accepts. */
    public enum Access {
        ADMIN,
        SHOPPER,
        SHOPPER_RECORD
    }

    private final byte[] admin;
    private final byte[] api;

    /**
     * @param adminToken the admin token, required
     * @param apiToken the token shopper-facing callers present, or {@code null} to leave those endpoints open
     */
    public Credentials(String adminToken, String apiToken) {
        Objects.requireNonNull(adminToken, "adminToken");
        if (adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        if (apiToken != null && apiToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be blank");
        }
        this.admin = digest(adminToken);
        this.api = apiToken == null ? null : digest(apiToken);
    }

    /** A random token (128 bits, hex) for a service started without one. */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Throws 401 or 403 unless the request carries a token {@code access} accepts. */
    public void check(ApiRequest request, Access access) {
        List<byte[]> accepted = accepted(access);
        if (accepted.isEmpty()) {
            return;
        }
        String header = request.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized(
                    switch (access) {
                        case ADMIN -> "admin endpoints need the header 'Authorization: Bearer <token>'";
                        case SHOPPER -> "this endpoint needs the header 'Authorization: Bearer <api token>'";
                        case SHOPPER_RECORD ->
                            "a shopper's record needs the header 'Authorization: Bearer <token>' with the "
                                    + (api == null ? "admin token" : "API or the admin token");
                    });
        }
        byte[] given = digest(header.substring(7).strip());
        boolean match = false;
        for (byte[] token : accepted) {
            match |= MessageDigest.isEqual(given, token); // no early exit
        }
        if (!match) {
            throw ApiException.forbidden(access == Access.ADMIN ? "wrong admin token" : "wrong token");
        }
    }

    private List<byte[]> accepted(Access access) {
        List<byte[]> tokens = new ArrayList<>(2);
        switch (access) {
            case ADMIN -> tokens.add(admin);
            case SHOPPER -> {
                if (api != null) {
                    tokens.add(api);
                    tokens.add(admin);
                }
            }
            case SHOPPER_RECORD -> {
                if (api != null) {
                    tokens.add(api);
                }
                tokens.add(admin);
            }
        }
        return tokens;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
