package dev.recsys.ingest.tools;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --flag value} / {@code --flag=value} parsing for the command-line tools; messages name the flag. */
final class ToolFlags {
    private final Map<String, String> values = new LinkedHashMap<>();

    ToolFlags(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            if (!known.contains(flag)) {
                throw new IllegalArgumentException(
                        "unknown flag '" + flag + "' (known: " + String.join(", ", known) + ")");
            }
            values.put(flag, value);
        }
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    String text(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    long number(String flag, long fallback, long min) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min) {
            throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + parsed);
        }
        return parsed;
    }

    /** An ISO-8601 duration ({@code PT30S}) or a number of seconds ({@code 30}, {@code 30s}). */
    Duration duration(String flag, Duration fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        String trimmed = value.trim();
        try {
            if (trimmed.matches("\\d+s?")) {
                return Duration.ofSeconds(Long.parseLong(trimmed.replace("s", "")));
            }
            return Duration.parse(trimmed);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    flag + " must be seconds or an ISO-8601 duration such as PT30S, got '" + value + "'");
        }
    }
}
