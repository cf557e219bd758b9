package dev.recsys.ingest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.infra.metrics.PrometheusText;
import dev.recsys.infra.net.LocalPorts;
import dev.recsys.ingest.ListeningSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The loopback Prometheus reporter on its own: where it listens and what it serves. */
class LoopbackPrometheusReporterTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LoopbackPrometheusReporter reporter(String ports) {
        Properties properties = new Properties();
        properties.setProperty(LoopbackPrometheusReporterFactory.PORT, ports);
        return new LoopbackPrometheusReporterFactory().createMetricReporter(properties);
    }

    /** Two consecutive free ports, the first held open by the returned socket. */
    private static ServerSocket holdFirstOfTwoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = LocalPorts.pickFree(1)[0];
            if (port < 65535 && LocalPorts.isFree(port + 1)) {
                ServerSocket held = new ServerSocket();
                held.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
                return held;
            }
        }
        throw new AssertionError("no two consecutive free ports");
    }

    @Test
    void takesTheFirstFreePortOfTheRangeOnLoopbackOnlyAndServesTheTextFormat() throws Exception {
        Assumptions.assumeTrue(ListeningSockets.available(), "needs Linux's /proc");
        try (ServerSocket taken = holdFirstOfTwoFreePorts()) {
            int first = taken.getLocalPort();
            LoopbackPrometheusReporter reporter = reporter(first + "-" + (first + 1));
            try {
                assertEquals(first + 1, reporter.port(), "the first port is taken");
                List<ListeningSockets.Socket> mine = ListeningSockets.of(
                                ProcessHandle.current().pid())
                        .stream()
                        .filter(socket -> socket.port() == reporter.port())
                        .toList();
                assertEquals(1, mine.size(), mine.toString());
                assertTrue(mine.get(0).isLoopback(), mine.toString());

                HttpResponse<String> scrape = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reporter.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, scrape.statusCode());
                assertTrue(
                        scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                        scrape.headers().toString());
                assertEquals(List.of(), PrometheusText.parse(scrape.body()).samples, "no metric added yet");
            } finally {
                reporter.close();
            }
            assertTrue(LocalPorts.isFree(first + 1), "closing the reporter frees its port");
        }
    }

    @Test
    void aRangeWithoutAFreePortFailsNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String ports = Integer.toString(taken.getLocalPort());
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> reporter(ports));
            assertEquals("no free port in " + ports + " on 127.0.0.1 for the job's metrics", failure.getMessage());
        }
    }

    @Test
    void theEnvironmentNamesAPortARangeOrNone() {
        assertEquals(Optional.of("9249-9260"), JobMetricsReporting.ports(null));
        assertEquals(Optional.of("9249-9260"), JobMetricsReporting.ports(" "));
        assertEquals(Optional.of("9300"), JobMetricsReporting.ports(" 9300 "));
        assertEquals(Optional.of("9300-9310"), JobMetricsReporting.ports("9300-9310"));
        assertEquals(Optional.empty(), JobMetricsReporting.ports("none"));
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> JobMetricsReporting.ports("nine"));
        assertEquals(
                "--metrics-ports must be a port, a range such as 9249-9260, or none, got 'nine'", bad.getMessage());
    }

    @Test
    void theReporterIsConfiguredUnderFlinksPrometheusReporterKeys() {
        Configuration config = new Configuration();
        JobMetricsReporting.addReporter(config, "9300-9310");
        Map<String, String> keys = config.toMap();
        assertEquals(
                LoopbackPrometheusReporterFactory.class.getName(), keys.get("metrics.reporter.prom.factory.class"));
        assertEquals("9300-9310", keys.get("metrics.reporter.prom.port"));
    }
}
