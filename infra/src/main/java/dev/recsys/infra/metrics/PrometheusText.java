package dev.recsys.infra.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strict reader of the two Prometheus text formats, for tests that scrape a running process: the classic
 * text format 0.0.4 and OpenMetrics 1.0. It reads a scrape back into families (help, type, unit) and
 * samples, and refuses, naming the line, anything a Prometheus server would reject or misread: a sample
 * before its family's {@code TYPE}, a family split in two, a repeated sample, a bad name, escape or
 * number, and for OpenMetrics a missing {@code # EOF}.
 */
public final class PrometheusText {
    /** One sample: its full name (a histogram's {@code _bucket} included) and labels ({@code le} included). */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Set<String> CLASSIC_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OPENMETRICS_TYPES =
            Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown");

    /** Help texts by family name, in the order the families came. */
    public final Map<String, String> help = new LinkedHashMap<>();
    /** Types by family name, in the order the families came. */
    public final Map<String, String> types = new LinkedHashMap<>();
    /** Units by family name (OpenMetrics only). */
    public final Map<String, String> units = new LinkedHashMap<>();

    public final List<Sample> samples = new ArrayList<>();

    private final boolean openMetrics;
    private final Set<String> finishedFamilies = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private String currentFamily;

    private PrometheusText(boolean openMetrics) {
        this.openMetrics = openMetrics;
    }

    /** Reads a scrape in the classic text format ({@code text/plain; version=0.0.4}). */
    public static PrometheusText parse(String text) {
        return read(text, false);
    }

    /** Reads a scrape in OpenMetrics 1.0 ({@code application/openmetrics-text}), which ends with {@code # EOF}. */
    public static PrometheusText parseOpenMetrics(String text) {
        return read(text, true);
    }

    private static PrometheusText read(String text, boolean openMetrics) {
        PrometheusText out = new PrometheusText(openMetrics);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line does not end with a line feed");
        }
        String[] lines = text.isEmpty() ? new String[0] : text.split("\n", -1);
        int last = lines.length - 1; // the empty string after the final line feed
        boolean ended = false;
        for (int i = 0; i < last; i++) {
            String line = lines[i];
            try {
                if (ended) {
                    throw new IllegalArgumentException("a line after # EOF");
                }
                if (openMetrics && line.equals("# EOF")) {
                    ended = true;
                } else {
                    out.line(line);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        if (openMetrics && !ended) {
            throw new IllegalArgumentException("OpenMetrics ends with # EOF");
        }
        return out;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            require(!openMetrics, "an empty line");
            return;
        }
        if (line.startsWith("#")) {
            comment(line);
        } else {
            sample(line);
        }
    }

    private void comment(String line) {
        String[] parts = line.split(" ", 4);
        boolean metadata = parts.length >= 3 && List.of("HELP", "TYPE", "UNIT").contains(parts[1]);
        if (!metadata) {
            require(!openMetrics, "a comment OpenMetrics does not know");
            return; // the classic format allows other comments
        }
        String family = metricName(parts[2]);
        String value = parts.length == 4 ? parts[3] : "";
        enterFamily(family);
        Map<String, String> target =
                switch (parts[1]) {
                    case "HELP" -> help;
                    case "TYPE" -> types;
                    default -> units;
                };
        require(!target.containsKey(family), "a second " + parts[1] + " of " + family);
        switch (parts[1]) {
            case "HELP" -> help.put(family, unescape(value, false));
            case "TYPE" -> {
                require((openMetrics ? OPENMETRICS_TYPES : CLASSIC_TYPES).contains(value), "unknown type " + value);
                types.put(family, value);
            }
            default -> {
                require(openMetrics, "# UNIT is OpenMetrics only");
                require(value.isEmpty() || family.endsWith("_" + value), "the name does not end with its unit");
                units.put(family, value);
            }
        }
    }

    private void enterFamily(String family) {
        if (family.equals(currentFamily)) {
            return;
        }
        require(!finishedFamilies.contains(family), "the family " + family + " again, after others");
        if (currentFamily != null) {
            finishedFamilies.add(currentFamily);
        }
        currentFamily = family;
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = metricName(line.substring(0, i));
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        require(i < line.length() && line.charAt(i) == ' ', "one space before the value");
        String[] rest = line.substring(i + 1).split(" ", -1);
        require(rest.length <= 2, "more than a value and a timestamp (exemplars are not read)");
        double value = number(rest[0]);
        if (rest.length == 2) {
            if (openMetrics) {
                number(rest[1]);
            } else {
                Long.parseLong(rest[1]);
            }
        }
        String family = familyOf(name);
        require(family != null, "no TYPE before the sample");
        enterFamily(family);
        require(seen.add(name + labels), "a repeated sample");
        samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    /** Reads {@code name="value",...}} from {@code i}; returns the index after the closing brace. */
    private int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            require(i < line.length(), "unterminated labels");
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            require(eq > i, "a label without a value");
            String label = line.substring(i, eq);
            require(label.matches("[a-zA-Z_][a-zA-Z0-9_]*"), "label name " + label);
            require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "label value not quoted");
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    require(j + 1 < line.length(), "a dangling backslash");
                    value.append(escaped(line.charAt(++j), true));
                } else {
                    value.append(c);
                }
            }
            require(j < line.length(), "unterminated label value");
            require(labels.put(label, value.toString()) == null, "repeated label " + label);
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
                // a trailing comma is allowed in the classic format only
                require(!openMetrics || (i < line.length() && line.charAt(i) != '}'), "a trailing comma");
            } else {
                require(i < line.length() && line.charAt(i) == '}', "labels not separated by a comma");
            }
        }
    }

    /** The family a sample of this name belongs to, among those whose TYPE came. */
    private String familyOf(String sample) {
        if (types.containsKey(sample)) {
            String type = types.get(sample);
            boolean plain = openMetrics
                    ? List.of("gauge", "unknown", "stateset", "summary").contains(type)
                    : !type.equals("histogram");
            if (plain) {
                return sample;
            }
        }
        for (Map.Entry<String, String> family : types.entrySet()) {
            String suffix = sample.startsWith(family.getKey())
                    ? sample.substring(family.getKey().length())
                    : null;
            if (suffix != null && suffixes(family.getValue()).contains(suffix)) {
                return family.getKey();
            }
        }
        return null;
    }

    private List<String> suffixes(String type) {
        if (!openMetrics) {
            return switch (type) {
                case "histogram" -> List.of("_bucket", "_sum", "_count");
                case "summary" -> List.of("_sum", "_count");
                default -> List.of();
            };
        }
        return switch (type) {
            case "counter" -> List.of("_total", "_created");
            case "info" -> List.of("_info");
            case "histogram" -> List.of("_bucket", "_sum", "_count", "_created");
            case "gaugehistogram" -> List.of("_bucket", "_gsum", "_gcount");
            case "summary" -> List.of("_sum", "_count", "_created");
            default -> List.of();
        };
    }

    private static String metricName(String name) {
        require(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), "metric name " + name);
        return name;
    }

    /** A sample value or bound: a decimal, {@code +Inf}, {@code -Inf} or {@code NaN}. */
    public static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                require(text.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?"), "not a number: " + text);
                yield Double.parseDouble(text);
            }
        };
    }

    private String unescape(String text, boolean quote) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                require(i + 1 < text.length(), "a dangling backslash");
                out.append(escaped(text.charAt(++i), quote || openMetrics));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char escaped(char c, boolean quoteAllowed) {
        return switch (c) {
            case '\\' -> '\\';
            case 'n' -> '\n';
            case '"' -> {
                require(quoteAllowed, "an escaped quote in a help text");
                yield '"';
            }
            default -> throw new IllegalArgumentException("bad escape \\" + c);
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The samples of this name. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the sample with this name and exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value)
                .findFirst();
    }

    /** The value of the sample with this name and no labels. */
    public double value(String name) {
        return value(name, Map.of()).orElseThrow(() -> new AssertionError("no sample " + name));
    }
}
