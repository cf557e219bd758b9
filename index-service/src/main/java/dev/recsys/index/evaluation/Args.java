package dev.recsys.index.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --switch} flags of the evaluation tools; a problem names the flag. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String[] args, Set<String> withValue, Set<String> switches) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (switches.contains(flag)) {
                values.put(flag, "true");
            } else if (withValue.contains(flag)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + flag);
                }
                values.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    String get(String flag, String fallback) {
        return values.getOrDefault(flag, fallback);
    }

    int integer(String flag, int fallback, int min) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be an integer of at least " + min + ", got '" + text + "'");
    }

    double number(String flag, double fallback) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a number, got '" + text + "'");
    }
}
