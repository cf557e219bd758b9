package dev.recsys.ingest.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter, listening on 127.0.0.1 only. Flink's own {@code PrometheusReporter} listens
 * on every interface and has no setting for the address; the job's metrics need no one outside this
 * machine, like the MiniCluster's REST endpoint. The metric names and labels are Flink's: this class only
 * serves the same registry on another address, on the first free port of a range as Flink's does.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private static final String LOOPBACK = "127.0.0.1";

    private final HTTPServer server;

    LoopbackPrometheusReporter(PortRange ports) {
        HTTPServer started = null;
        for (Iterator<Integer> candidates = ports.getPortsIterator(); started == null && candidates.hasNext(); ) {
            int port = candidates.next();
            try {
                started = new HTTPServer(new InetSocketAddress(LOOPBACK, port), registryOf(this), true);
            } catch (IOException taken) {
                log.debug("port {} is taken, trying the next", port, taken);
            }
        }
        if (started == null) {
            throw new IllegalStateException("no free port in " + ports + " on 127.0.0.1 for the job's metrics");
        }
        server = started;
        log.info("the stream job's metrics on http://127.0.0.1:{}/metrics", server.getPort());
    }

    /** The port it serves on. */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    /** The registry the Flink reporter adds its collectors to, which Flink keeps package-private. */
    private static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
        try {
            Field registry = AbstractPrometheusReporter.class.getDeclaredField("registry");
            registry.setAccessible(true);
            return (CollectorRegistry) registry.get(reporter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Flink version's Prometheus reporter keeps no registry field", e);
        }
    }
}
