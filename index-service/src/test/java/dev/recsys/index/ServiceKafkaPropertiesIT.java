package dev.recsys.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kafka client properties given to the service reach its real producers and consumers. */
class ServiceKafkaPropertiesIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private List<CatalogItem> items;
    private Path catalog;

    @BeforeEach
    void smallCatalog() throws IOException {
        items = SampleCatalog.generate(20, 7);
        catalog = Files.write(
                dir.resolve("catalog.jsonl"),
                items.stream().map(CatalogItemJson::write).toList());
    }

    @Test
    void aBadSecurityProtocolStopsTheStartWithKafkasOwnError() {
        ServiceConfig config = ServiceConfig.parse(
                "--catalog",
                catalog.toString(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--data",
                dir.resolve("service").toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--kafka-property",
                "security.protocol=NOT_A_PROTOCOL");

        try (IndexService service = new IndexService(config)) {
            Exception e = assertThrows(Exception.class, service::start);

            String causes = causes(e);
            assertTrue(causes.contains("NOT_A_PROTOCOL for configuration security.protocol"), causes);
        }
    }

    @Test
    void aProducerPropertyFromTheKafkaConfigFileLimitsWhatTheServiceCanSend() throws Exception {
        // A request limit smaller than any event: the real producer refuses every record, so the brokers
        // never confirm it, while the same service without the file accepts the same event.
        Path client = Files.writeString(dir.resolve("client.properties"), "max.request.size=64\n");

        int limited = postEvent(
                "--kafka-config", client.toString(), "--data", dir.resolve("a").toString());
        int plain = postEvent("--data", dir.resolve("b").toString());

        assertEquals(503, limited, "the producer kept to max.request.size=64");
        assertEquals(202, plain);
    }

    /** Starts a service with {@code flags}, posts one event for an item of its catalog, returns the status. */
    private int postEvent(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--catalog",
                catalog.toString(),
                "--embedder",
                "hashed",
                "--http-port",
                "0",
                "--bootstrap-servers",
                kafka.bootstrapServers()));
        args.addAll(List.of(flags));
        String event = "{\"eventId\":\"e-1\",\"userId\":\"shopper-1\",\"itemId\":\""
                + items.getFirst().itemId() + "\",\"type\":\"view\",\"ts\":" + System.currentTimeMillis() + "}";
        try (IndexService service = new IndexService(ServiceConfig.parse(args.toArray(String[]::new)))) {
            service.start();
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/v1/events"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(event))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode();
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
