package dev.recsys.tools.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FrontierChartTest {
    private static FrontierChart.Series series(String name, double shift) {
        List<FrontierChart.Point> points = new ArrayList<>();
        for (int n = 1; n <= 9; n++) {
            points.add(new FrontierChart.Point(0.04 * n + shift, 0.16 - 0.01 * n, "p=0." + n));
        }
        return new FrontierChart.Series(name, points);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theChartIsWellFormedSvgWithOnePolylinePerSeriesAndTheReferenceLine() throws Exception {
        FrontierChart.Chart chart = new FrontierChart.Chart(
                "FA*IR <p> & exposure",
                "long-tail exposure",
                "NDCG@10",
                List.of(series("hashed & co", 0), series("transformer \"minilm\"", 0.01)),
                new FrontierChart.Reference(0.1233, "best baseline: Implicit ALS"));

        Document svg = parse(FrontierChart.svg(chart));

        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getAttribute("xmlns"));
        NodeList lines = svg.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength());
        for (int s = 0; s < lines.getLength(); s++) {
            String[] points = ((Element) lines.item(s)).getAttribute("points").split(" ");
            assertEquals(9, points.length);
            for (String point : points) {
                String[] xy = point.split(",");
                double x = Double.parseDouble(xy[0]);
                double y = Double.parseDouble(xy[1]);
                assertTrue(x >= 0 && x <= FrontierChart.WIDTH && y >= 0 && y <= FrontierChart.HEIGHT, point);
            }
        }
        // Nine markers per series, plus one in the legend for each.
        assertEquals(2 * 9 + 2, svg.getElementsByTagName("circle").getLength());
        String text = root.getTextContent();
        assertTrue(text.contains("hashed & co") && text.contains("transformer \"minilm\""), text);
        assertTrue(text.contains("FA*IR <p> & exposure") && text.contains("best baseline: Implicit ALS"), text);
        int references = 0;
        NodeList all = svg.getElementsByTagName("line");
        for (int n = 0; n < all.getLength(); n++) {
            references += "reference".equals(((Element) all.item(n)).getAttribute("class")) ? 1 : 0;
        }
        assertEquals(1, references);
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        FrontierChart.Axis axis = FrontierChart.Axis.of(0, 0.17, 0, 100);
        assertEquals(
                List.of(0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16),
                axis.ticks().stream().map(t -> Math.round(t * 1000) / 1000.0).toList());
        assertEquals("0.04", axis.label(0.04));
        assertEquals(0.0, axis.position(0));
        assertEquals(100.0, axis.position(0.17), 1e-9);
    }

    @Test
    void aChartWithoutSeriesOrReferenceIsStillWellFormed() throws Exception {
        Document svg = parse(FrontierChart.svg(new FrontierChart.Chart("empty", "x", "y", List.of(), null)));
        assertEquals(0, svg.getElementsByTagName("polyline").getLength());
    }
}
