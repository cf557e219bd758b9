package dev.recsys.tools.service;

import dev.recsys.cli.UsageException;
import java.util.Map;

/** The bearer token a tool sends: {@code --token}, else the first variable set among those it falls back to. */
public final class BearerToken {
    private BearerToken() {}

    /**
     * @param given the value of {@code --token}, or {@code null}
     * @param variables the environment variables to fall back to, in order
     * @return the token, or {@code null} when none is given or set (blank counts as unset)
     * @throws UsageException when the token is not printable ASCII without spaces (it goes into a header
     *     line); the message never holds the token
     */
    public static String resolve(String given, Map<String, String> env, String... variables) {
        String token = given;
        for (int i = 0; (token == null || token.isBlank()) && i < variables.length; i++) {
            token = env.get(variables[i]);
        }
        if (token == null || token.isBlank()) {
            return null;
        }
        token = token.strip();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new UsageException("--token must be printable ASCII without spaces");
            }
        }
        return token;
    }
}
