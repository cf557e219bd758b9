package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMetricsUrlTest {
    @TempDir
    Path dir;

    @Test
    void theLatestStartInTheLogIsTheRunningJobs() throws Exception {
        Path log = dir.resolve("ingest-job.log");
        Files.writeString(
                log,
                """
                [main] INFO dev.recsys.ingest.metrics.LoopbackPrometheusReporter - the stream job's metrics on http://127.0.0.1:9249/metrics
                ingest-job exited with code 137
                [main] INFO dev.recsys.ingest.metrics.LoopbackPrometheusReporter - the stream job's metrics on http://127.0.0.1:9250/metrics
                """);
        assertEquals(Optional.of("http://127.0.0.1:9250/metrics"), JobMetricsUrl.in(log));
    }

    @Test
    void nothingWhenTheLogSaysNothingYetOrIsMissing() throws Exception {
        Path log = Files.writeString(dir.resolve("quiet.log"), "starting\n");
        assertEquals(Optional.empty(), JobMetricsUrl.in(log));
        assertEquals(Optional.empty(), JobMetricsUrl.in(dir.resolve("missing.log")));
    }
}
