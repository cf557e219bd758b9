package dev.recsys.index.http;

import dev.recsys.index.requests.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The decoded parameters of a query string ({@code application/x-www-form-urlencoded}: {@code +}
 * is a space, {@code %xx} are UTF-8 bytes). A name may repeat; the typed getters reject values
 * that break a rule with an {@link InvalidRequestException} naming the parameter (a 400).
 */
public final class QueryParams {
    /** More parameters than this is not a real client. */
    public static final int MAX_PARAMS = 1_000;

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParams empty() {
        return new QueryParams(Map.of());
    }

    /** Parses a raw (still encoded) query string; {@code null} or empty gives no parameters. */
    public static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        int count = 0;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMS) {
                throw new InvalidRequestException(null, "more than " + MAX_PARAMS + " query parameters");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), null);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new QueryParams(values);
    }

    /** Builds parameters directly (tests, internal callers); each name has one value. */
    public static QueryParams of(Map<String, String> single) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        single.forEach((name, value) -> values.put(name, List.of(value)));
        return new QueryParams(values);
    }

    private static String decode(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "malformed percent-encoding in the query string");
        }
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value of {@code name}, in request order. */
    public List<String> all(String name) {
        return Collections.unmodifiableList(values.getOrDefault(name, List.of()));
    }

    /** All parameters whose name starts with {@code prefix}, last value wins. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (name.startsWith(prefix)) {
                out.put(name, list.getLast());
            }
        });
        return out;
    }

    /** The single value of {@code name}, or {@code null} when absent or empty; repeats are a 400. */
    public String get(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            return null;
        }
        if (list.size() > 1) {
            throw new InvalidRequestException(name, "must be given at most once");
        }
        String value = list.getFirst();
        return value.isEmpty() ? null : value;
    }

    /** A required, non-blank value of at most {@code maxLength} characters. */
    public String required(String name, int maxLength) {
        String value = optional(name, maxLength);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name, "is required");
        }
        return value;
    }

    /** An optional value of at most {@code maxLength} characters. */
    public String optional(String name, int maxLength) {
        String value = get(name);
        if (value != null && value.length() > maxLength) {
            throw new InvalidRequestException(name, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
    public int intInRange(String name, int fallback, int min, int max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(
                    name, "must be an integer between " + min + " and " + max + ", got '" + abbreviate(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidRequestException(name, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    /** A finite, non-negative number, or {@code null} when absent. */
    public Double nonNegativeDouble(String name) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "must be a number, got '" + abbreviate(value) + "'");
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new InvalidRequestException(name, "must be a finite number of at least 0, got " + value);
        }
        return parsed;
    }

    /** {@code true} or {@code false} (case-insensitive), or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default ->
                throw new InvalidRequestException(name, "must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    /**
     * The values of a list parameter given repeated ({@code exclude=a&exclude=b}), comma-separated
     * ({@code exclude=a,b}) or both; blanks dropped, duplicates kept once, at most {@code maxItems}.
     */
    public List<String> list(String name, int maxItems, int maxLength) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                if (item.length() > maxLength) {
                    throw new InvalidRequestException(name, "has an entry longer than " + maxLength + " characters");
                }
                if (out.add(item) && out.size() > maxItems) {
                    throw new InvalidRequestException(name, "has more than " + maxItems + " entries");
                }
            }
        }
        return List.copyOf(out);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
