package dev.recsys.index.tools;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --switch} command-line flags, checked against the flags a tool knows;
 * every problem is a {@link UsageException} naming the flag.
 */
public final class Flags {
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param withValue flags that take a value
     * @param switches flags that take none
     */
    public Flags(String[] args, Set<String> withValue, Set<String> switches) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (switches.contains(flag)) {
                values.put(flag, "true");
            } else if (withValue.contains(flag)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value for " + flag);
                }
                values.put(flag, args[++i]);
            } else {
                throw new UsageException("unknown flag " + flag);
            }
        }
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String string(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    /**
     * A bearer token from {@code flag}, else {@code fallback} (usually an environment variable); {@code null}
     * when neither is set or it is blank. A token must be printable ASCII without spaces: it goes into a
     * header line.
     */
    public String token(String flag, String fallback) {
        String token = values.getOrDefault(flag, fallback);
        if (token == null || token.isBlank()) {
            return null;
        }
        token = token.strip();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new UsageException(flag + " must be printable ASCII without spaces");
            }
        }
        return token;
    }

    public long longValue(String flag, long fallback, long min, long max) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be an integer between " + min + " and " + max + ", got '" + text + "'");
    }

    public double doubleValue(String flag, double fallback, double min, double max) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a number between " + min + " and " + max + ", got '" + text + "'");
    }

    /** A duration such as {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
    Duration duration(String flag, Duration fallback, Duration max) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        Duration value = parseDuration(text);
        if (value == null || value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new UsageException(flag + " must be a duration such as 30s, 500ms or 2m, at most " + max.toSeconds()
                    + "s, got '" + text + "'");
        }
        return value;
    }

    /** As {@link #duration}, but {@code 0} is allowed (to switch something off). */
    Duration durationOrZero(String flag, Duration fallback, Duration max) {
        String text = values.get(flag);
        Duration value = text == null ? fallback : parseDuration(text);
        if (value != null && value.isZero()) {
            return value;
        }
        return duration(flag, fallback, max);
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            for (Map.Entry<String, java.time.temporal.ChronoUnit> unit : List.of(
                    Map.entry("ms", java.time.temporal.ChronoUnit.MILLIS),
                    Map.entry("s", java.time.temporal.ChronoUnit.SECONDS),
                    Map.entry("m", java.time.temporal.ChronoUnit.MINUTES),
                    Map.entry("h", java.time.temporal.ChronoUnit.HOURS))) {
                if (t.endsWith(unit.getKey())) {
                    return Duration.of(
                            Long.parseLong(
                                    t.substring(0, t.length() - unit.getKey().length())),
                            unit.getValue());
                }
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
