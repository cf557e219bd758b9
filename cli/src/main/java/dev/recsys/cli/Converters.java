package dev.recsys.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Value converters shared by the commands, each with a message that says what was expected. picocli
 * puts the flag in front: {@code Invalid value for option '--half-life': must be an ISO-8601 duration
 * such as P1D or PT6H, got '1d'}.
 */
public final class Converters {
    private Converters() {}

    /** A duration as people type it: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, plain seconds, or ISO-8601. */
    public static final class ShortDuration implements ITypeConverter<Duration> {
        private static final Map<String, ChronoUnit> UNITS = Map.of(
                "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);

        @Override
        public Duration convert(String value) {
            Duration parsed = parse(value);
            if (parsed == null) {
                throw new TypeConversionException(
                        "must be a duration such as 30s, 500ms, 2m or PT30S, got '" + value + "'");
            }
            return parsed;
        }

        /** The duration, or {@code null} when the text is none. */
        public static Duration parse(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            if (text.startsWith("p")) {
                try {
                    return Duration.parse(text.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            try {
                for (String unit : new String[] {"ms", "s", "m", "h"}) {
                    if (text.endsWith(unit)) {
                        return Duration.of(
                                Long.parseLong(text.substring(0, text.length() - unit.length())), UNITS.get(unit));
                    }
                }
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
    }

    /** An ISO-8601 duration: {@code P1D}, {@code PT6H}, {@code PT30S}. */
    public static final class IsoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "must be an ISO-8601 duration such as P1D or PT6H, got '" + value + "'");
            }
        }
    }

    /** A whole number of milliseconds. */
    public static final class Millis implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.ofMillis(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a whole number of milliseconds, got '" + value + "'");
            }
        }
    }

    /** A whole number; {@code 1_000_000} is allowed. */
    public static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a whole number, got '" + value + "'");
            }
        }
    }

    /** A finite number. */
    public static final class FiniteNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double parsed = Double.parseDouble(value.strip());
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a number, got '" + value + "'");
        }
    }
}
