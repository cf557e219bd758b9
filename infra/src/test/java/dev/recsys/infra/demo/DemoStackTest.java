package dev.recsys.infra.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DemoStackTest {

    private final DemoOptions options = parse(
            "--ingest-classpath", "a",
            "--service-classpath", "b",
            "--data", "/srv/demo",
            "--http-port", "18080",
            "--kafka-port", "19092");

    @Test
    void jobCheckpointsIntoTheDataFolderAndWithoutACheckpointReadsTheTopicFromItsStart() {
        List<String> args = DemoStack.jobArgs(options, 19249);

        assertEquals("127.0.0.1:19092", valueOf(args, "--bootstrap-servers"));
        assertEquals("/srv/demo/ingest/checkpoints", valueOf(args, "--checkpoint-dir"));
        assertEquals("earliest", valueOf(args, "--starting-offsets"));
        assertEquals("10000", valueOf(args, "--checkpoint-interval-ms"));
        assertEquals("19249", valueOf(args, "--metrics-ports"));
    }

    @Test
    void serviceListensOnLoopbackOnlyAndKeepsItsCatalogInTheDataFolder() {
        List<String> args = DemoStack.serviceArgs(options, 19249);

        assertEquals("127.0.0.1", valueOf(args, "--bind-address"));
        assertEquals("18080", valueOf(args, "--http-port"));
        assertEquals("/srv/demo/service", valueOf(args, "--data"));
        assertEquals(DemoGuide.ADMIN_TOKEN, valueOf(args, "--admin-token"));
        assertEquals("http://127.0.0.1:19249/metrics", valueOf(args, "--job-metrics"), "the job's, for the console");
        assertTrue(args.contains("--demo"), args.toString());
        assertFalse(args.contains("--simulated-shoppers"), "the service's default unless given: " + args);
        assertFalse(args.contains("--catalog"), "the service's sample catalog unless given: " + args);
        assertFalse(args.contains("--embedder"), "the service's default embedder unless given: " + args);
    }

    @Test
    void catalogAndSimulatorSettingsArePassedToTheService() {
        List<String> args = DemoStack.serviceArgs(
                parse(
                        "--ingest-classpath", "a",
                        "--service-classpath", "b",
                        "--catalog", "/srv/shop.jsonl",
                        "--simulated-shoppers", "4",
                        "--simulator-rate", "2.5",
                        "--embedder", "hashed"),
                19249);

        assertEquals("/srv/shop.jsonl", valueOf(args, "--catalog"));
        assertEquals("hashed", valueOf(args, "--embedder"));
        assertEquals("4", valueOf(args, "--simulated-shoppers"));
        assertEquals("2.5", valueOf(args, "--simulator-rate"));
    }

    @Test
    void partsStartInOrderAndStopInTheReverseOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        DemoStack stack = new DemoStack(
                List.of(
                        new ScriptedPart("kafka", events),
                        new ScriptedPart("ingest-job", events),
                        new ScriptedPart("index-service", events)),
                quiet());

        stack.start();
        stack.stop();

        assertEquals(
                List.of(
                        "start kafka",
                        "start ingest-job",
                        "start index-service",
                        "stop index-service",
                        "stop ingest-job",
                        "stop kafka"),
                events);
    }

    @Test
    void deadPartIsFoundUntilTheDemoStops() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ScriptedPart job = new ScriptedPart("ingest-job", events);
        DemoStack stack = new DemoStack(List.of(new ScriptedPart("kafka", events), job), quiet());
        stack.start();

        assertEquals(Optional.empty(), stack.firstDead());
        job.die();
        assertEquals(Optional.of(job), stack.firstDead());
        stack.stop();
        assertEquals(Optional.empty(), stack.firstDead(), "parts stopped by the demo are not dead ones");
    }

    private static String valueOf(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < args.size(), flag + " missing in " + args);
        return args.get(i + 1);
    }

    private static DemoOptions parse(String... args) {
        return DemoOptions.parse(args);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
