package dev.recsys.tools.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart as a self-contained SVG document: axes with rounded ticks, one polyline with round markers per
 * series, an optional dashed horizontal reference line, and a legend. Made for the fair hybrid's frontier
 * (long-tail exposure against NDCG@10, one series per embedder, the best unconstrained baseline as the
 * reference), but it knows nothing of either. Every text is XML-escaped; each marker carries a {@code
 * <title>} with its label and coordinates, which browsers show on hover.
 */
final class FrontierChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    /** One point: its coordinates and what it stands for ({@code p=0.3}). */
    record Point(double x, double y, String label) {}

    /** One polyline. */
    record Series(String name, List<Point> points) {
        Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** A horizontal line across the plot at {@code y}. */
    record Reference(double y, String label) {}

    /**
     * @param reference the dashed horizontal line, or {@code null} for none
     */
    record Chart(String title, String xLabel, String yLabel, List<Series> series, Reference reference) {
        Chart {
            series = List.copyOf(series);
        }
    }

    private FrontierChart() {}

    /** The chart as an SVG document. */
    static String svg(Chart chart) {
        double[] xRange = range(chart, true);
        double[] yRange = range(chart, false);
        Axis x = Axis.of(xRange[0], xRange[1], LEFT, WIDTH - RIGHT);
        Axis y = Axis.of(yRange[0], yRange[1], HEIGHT - BOTTOM, TOP);
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(format("<title>%s</title>\n", escape(chart.title())));
        out.append(format("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        out.append(format(
                "<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n",
                WIDTH / 2, escape(chart.title())));
        axes(out, chart, x, y);
        if (chart.reference() != null) {
            double at = y.position(chart.reference().y());
            out.append(format(
                    "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555555\""
                            + " stroke-dasharray=\"6 4\"/>\n",
                    LEFT, at, WIDTH - RIGHT, at));
        }
        for (int s = 0; s < chart.series().size(); s++) {
            series(out, chart.series().get(s), colour(s), x, y);
        }
        legend(out, chart);
        out.append("</svg>\n");
        return out.toString();
    }

    private static void axes(StringBuilder out, Chart chart, Axis x, Axis y) {
        int bottom = HEIGHT - BOTTOM;
        out.append(format(
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        out.append(
                format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, TOP, LEFT, bottom));
        for (double tick : x.ticks()) {
            double at = x.position(tick);
            out.append(format(
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n",
                    at, bottom, at, bottom + 5));
            out.append(format(
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", at, bottom + 19, x.label(tick)));
        }
        for (double tick : y.ticks()) {
            double at = y.position(tick);
            out.append(format(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n",
                    LEFT, at, WIDTH - RIGHT, at));
            out.append(format(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>\n", LEFT - 5, at, LEFT, at));
            out.append(format(
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 8, at + 4, y.label(tick)));
        }
        out.append(format(
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, escape(chart.xLabel())));
        out.append(format(
                "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>\n",
                (TOP + bottom) / 2, (TOP + bottom) / 2, escape(chart.yLabel())));
    }

    private static void series(StringBuilder out, Series series, String colour, Axis x, Axis y) {
        StringBuilder points = new StringBuilder();
        for (Point point : series.points()) {
            points.append(points.isEmpty() ? "" : " ")
                    .append(format("%.1f,%.1f", x.position(point.x()), y.position(point.y())));
        }
        out.append(format(
                "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\">"
                        + "<title>%s</title></polyline>\n",
                colour, points, escape(series.name())));
        for (Point point : series.points()) {
            out.append(format(
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>\n",
                    x.position(point.x()),
                    y.position(point.y()),
                    colour,
                    escape(format("%s %s: x %.3f, y %.4f", series.name(), point.label(), point.x(), point.y()))));
        }
    }

    private static void legend(StringBuilder out, Chart chart) {
        List<String> names = new ArrayList<>();
        chart.series().forEach(s -> names.add(s.name()));
        int width = 20 + 7 * names.stream().mapToInt(String::length).max().orElse(10);
        if (chart.reference() != null) {
            width = Math.max(width, 20 + 7 * chart.reference().label().length());
        }
        int rows = names.size() + (chart.reference() == null ? 0 : 1);
        int left = WIDTH - RIGHT - width - 10;
        out.append(format(
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" stroke=\"#999999\"/>\n",
                left, TOP + 4, width + 6, rows * 18 + 8));
        for (int s = 0; s < names.size(); s++) {
            int at = TOP + 18 + 18 * s;
            out.append(format(
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                    left + 6, at - 4, left + 26, at - 4, colour(s)));
            out.append(format("<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>\n", left + 16, at - 4, colour(s)));
            out.append(format("<text x=\"%d\" y=\"%d\">%s</text>\n", left + 32, at, escape(names.get(s))));
        }
        if (chart.reference() != null) {
            int at = TOP + 18 + 18 * names.size();
            out.append(format(
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n",
                    left + 6, at - 4, left + 26, at - 4));
            out.append(format(
                    "<text x=\"%d\" y=\"%d\">%s</text>\n",
                    left + 32, at, escape(chart.reference().label())));
        }
    }

    /** From 0 to a little above the largest value among the points (and the reference, for y). */
    private static double[] range(Chart chart, boolean horizontal) {
        double max = 0;
        for (Series series : chart.series()) {
            for (Point point : series.points()) {
                max = Math.max(max, horizontal ? point.x() : point.y());
            }
        }
        if (!horizontal && chart.reference() != null) {
            max = Math.max(max, chart.reference().y());
        }
        return new double[] {0, max > 0 ? max * 1.08 : 1};
    }

    private static String colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /**
     * A linear axis from {@code min} to {@code max} drawn from pixel {@code from} to pixel {@code to}, with
     * ticks at multiples of 1, 2 or 5 times a power of ten, about six of them.
     */
    record Axis(double min, double max, double from, double to, double step) {
        static Axis of(double min, double max, double from, double to) {
            double raw = (max - min) / 6;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power < 1.5
                    ? power
                    : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
            return new Axis(min, max, from, to, step);
        }

        double position(double value) {
            return from + (value - min) / (max - min) * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (long n = (long) Math.ceil(min / step - 1e-9); n * step <= max + 1e-12; n++) {
                ticks.add(n * step);
            }
            return ticks;
        }

        String label(double tick) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }
    }
}
