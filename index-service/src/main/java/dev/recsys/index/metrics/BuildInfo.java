package dev.recsys.index.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.lucene.util.Version;

/**
 * {@code recsys_build_info{version, lucene_version} 1}: which build serves, so that dashboards and alerts
 * can tell instances apart during a roll-out. The Lucene version is the one that writes the catalog
 * generations. The version comes from {@value #RESOURCE}, which the build fills in.
 */
final class BuildInfo {
    static final String NAME = "recsys_build_info";
    static final String RESOURCE = "build.properties";

    private BuildInfo() {}

    static void register(PrometheusRegistry registry) {
        Info.builder()
                .name(NAME)
                .help("The build of recsys that serves: its version and the Lucene version of its catalog.")
                .labelNames("version", "lucene_version")
                .register(registry)
                .setLabelValues(version(), Version.LATEST.toString());
    }

    /** The project's version, or {@code unknown} when the classes were not built by Maven. */
    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
