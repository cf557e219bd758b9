package dev.recsys.index.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format, version 0.0.4: names, escaping and numbers. One sample is a
 * line {@code name{label="value",...} number}.
 */
final class TextFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private TextFormat() {}

    static String checkMetricName(String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        return name;
    }

    static List<String> checkLabelNames(String... names) {
        for (String name : names) {
            // Names starting with __ are reserved for Prometheus itself.
            if (name == null || !LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + name);
            }
        }
        List<String> list = List.of(names);
        if (list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("repeated label name in " + list);
        }
        return list;
    }

    /** HELP text: backslash and line feed escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A label value: backslash, double quote and line feed escaped. */
    static String escapeLabelValue(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A sample value or bucket bound: integers without a fraction, {@code +Inf}, {@code -Inf}, {@code NaN}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /**
     * One sample line.
     *
     * @param extraName a last label (a histogram's {@code le}), or {@code null}
     */
    static void sample(
            StringBuilder out,
            String name,
            List<String> labelNames,
            List<String> labelValues,
            String extraName,
            String extraValue,
            double value) {
        out.append(name);
        if (!labelNames.isEmpty() || extraName != null) {
            out.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                label(out, i > 0, labelNames.get(i), labelValues.get(i));
            }
            if (extraName != null) {
                label(out, !labelNames.isEmpty(), extraName, extraValue);
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static void label(StringBuilder out, boolean comma, String name, String value) {
        if (comma) {
            out.append(',');
        }
        out.append(name).append("=\"").append(escapeLabelValue(value)).append('"');
    }
}
