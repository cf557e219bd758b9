package dev.recsys.infra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void classicTextIsReadWithEscapesHistogramsAndTimestamps() {
        PrometheusText text = PrometheusText.parse(
                """
                # HELP t_requests_total Requests.\\nC:\\\\path "quoted"
                # TYPE t_requests_total counter
                t_requests_total{path="a\\"b\\\\c\\nd{e}=f,g ",status="4xx"} 1
                t_requests_total{path="/v1/feed",status="2xx",} 4 1700000000000
                # TYPE t_seconds histogram
                t_seconds_bucket{le="0.5"} 2
                t_seconds_bucket{le="+Inf"} 3
                t_seconds_sum 1.5e-3
                t_seconds_count 3
                """);
        assertEquals("Requests.\nC:\\path \"quoted\"", text.help.get("t_requests_total"));
        assertEquals("counter", text.types.get("t_requests_total"));
        assertEquals(
                1,
                text.value("t_requests_total", Map.of("path", "a\"b\\c\nd{e}=f,g ", "status", "4xx"))
                        .orElseThrow());
        assertEquals(
                4,
                text.value("t_requests_total", Map.of("path", "/v1/feed", "status", "2xx"))
                        .orElseThrow());
        assertEquals(3, text.value("t_seconds_bucket", Map.of("le", "+Inf")).orElseThrow());
        assertEquals(1.5e-3, text.value("t_seconds_sum"));
    }

    @Test
    void openMetricsFamiliesOwnTheirSuffixedSamplesAndEndWithEof() {
        PrometheusText text = PrometheusText.parseOpenMetrics(
                """
                # TYPE t_requests counter
                # HELP t_requests Requests.
                t_requests_total 4.0
                # TYPE t_build info
                t_build_info{version="1.2"} 1
                # TYPE t_ratio gauge
                # UNIT t_ratio ratio
                t_ratio NaN
                # EOF
                """);
        assertEquals("counter", text.types.get("t_requests"));
        assertEquals(4, text.value("t_requests_total"));
        assertEquals(1, text.value("t_build_info", Map.of("version", "1.2")).orElseThrow());
        assertEquals("ratio", text.units.get("t_ratio"));
        assertTrue(Double.isNaN(text.value("t_ratio")));
    }

    @Test
    void whatAPrometheusServerWouldRejectIsRefusedNamingTheLine() {
        assertRefused(false, "t_x 1\n", "line 1: no TYPE before the sample");
        assertRefused(false, "# TYPE t_x gauge\nt_x 1\nt_x 2\n", "line 3: a repeated sample");
        assertRefused(
                false,
                "# TYPE t_a gauge\nt_a 1\n# TYPE t_b gauge\nt_b 1\nt_a{x=\"1\"} 1\n",
                "line 5: the family t_a again");
        assertRefused(false, "# TYPE t_x gauge\nt_x{a=\"\\t\"} 1\n", "line 2: bad escape");
        assertRefused(false, "# TYPE t_x gauge\nt_x one\n", "line 2: not a number");
        assertRefused(false, "# TYPE t_x gauge\nt_x{1a=\"v\"} 1\n", "line 2: label name");
        assertRefused(false, "# TYPE t_x gauge\nt_x 1", "the last line does not end with a line feed");
        assertRefused(false, "# TYPE t_x histogram\nt_x 1\n", "line 2: no TYPE before the sample");
        assertRefused(true, "# TYPE t_x gauge\nt_x 1\n", "OpenMetrics ends with # EOF");
        assertRefused(true, "# TYPE t_x gauge\n# EOF\nt_x 1\n", "line 3: a line after # EOF");
        assertRefused(true, "# TYPE t_x counter\nt_x 1\n# EOF\n", "line 2: no TYPE before the sample");
        assertRefused(true, "# TYPE t_x gauge\n# UNIT t_x seconds\n# EOF\n", "line 2: the name does not end");
    }

    private static void assertRefused(boolean openMetrics, String text, String message) {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> {
                    if (openMetrics) {
                        PrometheusText.parseOpenMetrics(text);
                    } else {
                        PrometheusText.parse(text);
                    }
                },
                text);
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
