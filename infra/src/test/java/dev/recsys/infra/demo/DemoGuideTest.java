package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DemoGuideTest {

    private final String text = DemoGuide.render(
            12.345,
            "http://127.0.0.1:8080",
            "127.0.0.1:9092",
            "item-42",
            "shoes",
            Path.of("/srv/demo-data"),
            List.of(
                    new DemoGuide.Process(
                            "index-service", OptionalLong.of(4242), Path.of("/srv/demo-data/logs/index-service.log")),
                    new DemoGuide.Process(
                            "ingest-job", OptionalLong.empty(), Path.of("/srv/demo-data/logs/ingest-job.log"))),
            Optional.of("http://127.0.0.1:9250/metrics"));

    @Test
    void saysHowLongStartUpTookWithOneDecimal() {
        assertTrue(text.startsWith("recsys demo ready in 12.3 s"), text);
    }

    @Test
    void namesTheStorefrontAndTheConsoleFirst() {
        assertTrue(text.contains("storefront        http://127.0.0.1:8080/?user=shopper-1\n"), text);
        assertTrue(
                text.contains("operator console  http://127.0.0.1:8080/console   (admin token demo-admin-token)"),
                text);
        assertTrue(text.indexOf("storefront") < text.indexOf("curl"), text);
    }

    @Test
    void showsFeedSearchAndAnEventToPost() {
        assertTrue(text.contains("curl 'http://127.0.0.1:8080/v1/feed?user=shopper-1&explain=true'"), text);
        assertTrue(text.contains("curl 'http://127.0.0.1:8080/v1/search?q=shoes&user=shopper-1'"), text);
        assertTrue(text.contains("curl -X POST http://127.0.0.1:8080/v1/events"), text);
        assertTrue(
                text.contains(
                        "./recsys train --bootstrap-servers 127.0.0.1:9092 --server http://127.0.0.1:8080 --token "),
                text);
        assertTrue(
                text.contains("Authorization: Bearer demo-admin-token' http://127.0.0.1:8080/v1/admin/status"), text);
        assertTrue(
                text.contains("curl -X DELETE -H 'Authorization: Bearer demo-admin-token' "
                        + "http://127.0.0.1:8080/v1/admin/users/new-shopper"),
                text);
        assertTrue(
                text.contains("{\"eventId\":\"e1\",\"userId\":\"new-shopper\",\"itemId\":\"item-42\","
                        + "\"type\":\"view\",\"ts\":'$(date +%s000)'}"),
                text);
    }

    @Test
    void saysWhereTheKeptDataIsAndHowToStartClean() {
        assertTrue(text.contains("Data:   " + Path.of("/srv/demo-data") + " (kept for the next run"), text);
        assertTrue(text.contains("./recsys demo --fresh starts clean"), text);
    }

    @Test
    void givesTheMetricsUrlsOfTheServiceAndTheStreamJob() {
        assertTrue(
                text.contains("Metrics for Prometheus: http://127.0.0.1:8080/metrics (the service), "
                        + "http://127.0.0.1:9250/metrics (the stream job)"),
                text);
    }

    @Test
    void listsTheLogs() {
        assertTrue(
                text.contains(Path.of("/srv/demo-data/logs/index-service.log").toString()), text);
    }
}
