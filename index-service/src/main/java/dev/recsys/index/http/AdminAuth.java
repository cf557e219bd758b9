package dev.recsys.index.http;

import java.util.Objects;

/**
 * The admin endpoints' check: {@link Credentials} for {@link Credentials.Access#ADMIN}, the admin token
 * alone. No or a malformed header is a 401, a wrong token a 403.
 */
public final class AdminAuth {
    private final Credentials credentials;

    /** A check of {@code token} (a service without an API token). */
    public AdminAuth(String token) {
        this(new Credentials(token, null));
    }

    public AdminAuth(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** A random token (128 bits, hex) for a service started without one. */
    public static String randomToken() {
        return Credentials.randomToken();
    }

    /** Throws 401 or 403 unless the request carries the admin token. */
    public void check(ApiRequest request) {
        credentials.check(request, Credentials.Access.ADMIN);
    }
}
