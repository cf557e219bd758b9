package dev.recsys.index.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: it parses a scrape back into help
 * texts, types and samples, and fails on anything a Prometheus server would reject or misread.
 */
public final class PrometheusText {
    public record Sample(String name, Map<String, String> labels, double value) {}

    public final Map<String, String> help = new LinkedHashMap<>();
    public final Map<String, String> types = new LinkedHashMap<>();
    public final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {}

    public static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the last line ends with a line feed");
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue; // only the one after the final line feed
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                assertFalse(out.help.containsKey(parts[0]), "one HELP per metric: " + line);
                out.help.put(parts[0], unescape(parts[1]));
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                assertFalse(out.types.containsKey(parts[0]), "one TYPE per metric: " + line);
                assertTrue(List.of("counter", "gauge", "histogram", "summary", "untyped")
                        .contains(parts[1]));
                out.types.put(parts[0], parts[1]);
            } else {
                assertFalse(line.startsWith("#"), "unknown comment: " + line);
                Sample sample = sample(line);
                String family = family(sample.name());
                assertTrue(out.types.containsKey(family), "TYPE comes before the samples of " + sample.name());
                out.samples.add(sample);
            }
        }
        return out;
    }

    /** The family a sample belongs to: a histogram's {@code _bucket}, {@code _sum}, {@code _count} are its own. */
    private static String family(String sample) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        assertTrue(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), "metric name: " + line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                assertTrue(label.matches("[a-zA-Z_][a-zA-Z0-9_]*"), "label name: " + line);
                assertEquals('"', line.charAt(eq + 1), line);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(
                                switch (next) {
                                    case '\\' -> '\\';
                                    case '"' -> '"';
                                    case 'n' -> '\n';
                                    default -> throw new AssertionError("bad escape in " + line);
                                });
                    } else {
                        value.append(c);
                    }
                }
                assertFalse(labels.containsKey(label), "repeated label: " + line);
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        assertEquals(' ', line.charAt(i), "one space before the value: " + line);
        return new Sample(name, labels, number(line.substring(i + 1)));
    }

    static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The value of the one sample with this name and exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        assertTrue(found.size() <= 1, "one sample per name and labels: " + found);
        return found.stream().map(Sample::value).findFirst();
    }

    public double value(String name) {
        return value(name, Map.of()).orElseThrow(() -> new AssertionError("no sample " + name));
    }
}
