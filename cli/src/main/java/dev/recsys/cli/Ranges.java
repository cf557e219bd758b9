package dev.recsys.cli;

/** Range checks of numeric flags, with the message every command uses: {@code --k must be between 1 and 1000, got 0}. */
public final class Ranges {
    private Ranges() {}

    /** {@code value} when it lies in {@code [min, max]}; a {@link UsageException} naming {@code flag} otherwise. */
    public static long between(String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** {@code value} when it lies in {@code [min, max]}; a {@link UsageException} naming {@code flag} otherwise. */
    public static double between(String flag, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new UsageException(
                    flag + " must be between " + number(min) + " and " + number(max) + ", got " + number(value));
        }
        return value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
