package dev.recsys.infra.demo;

import dev.recsys.infra.cli.UsageException;
import dev.recsys.infra.net.LocalPorts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./recsys demo}: starts Kafka, the stream job and the index service, waits until the
 * service is ready, prints what to try, and stops everything on Ctrl-C. If any part exits early,
 * prints the end of its log, stops the others and exits with code 1.
 */
public final class DemoMain {

    /** How long the index service may take to answer /readyz with 200. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the demo until Ctrl-C.
     *
     * @return the exit code: 0 after Ctrl-C, 1 if a part failed, 2 for a bad command line
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        return run(args, out, err, DemoStack.INGEST_MAIN, DemoStack.SERVICE_MAIN);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with other main classes for the job and the service. */
    static int run(String[] args, PrintStream out, PrintStream err, String ingestMain, String serviceMain)
            throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
            if (options.help()) {
                out.print(DemoOptions.USAGE);
                return 0;
            }
            checkPortFree(options.httpPort(), "--http-port");
            checkPortFree(options.kafkaPort(), "--kafka-port");
        } catch (UsageException e) {
            err.println("recsys demo: " + e.getMessage());
            err.print(DemoOptions.USAGE);
            return UsageException.EXIT_CODE;
        }

        long started = System.nanoTime();
        DemoStack stack = new DemoStack(options, out, ingestMain, serviceMain);
        Thread hook = new Thread(
                () -> {
                    stack.stop();
                    out.println("Demo stopped.");
                },
                "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ServiceProbe probe = new ServiceProbe(options.httpPort());
        try {
            stack.start();
            awaitReady(stack, probe);
        } catch (DemoFailure e) {
            return fail(stack, hook, err, e.getMessage());
        }
        if (stack.isStopping()) {
            return 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Optional<ServiceProbe.SampleItem> sample = probe.sampleItem(DemoGuide.SHOPPER);
        out.print(DemoGuide.render(
                seconds,
                probe.baseUrl(),
                stack.bootstrapServers(),
                sample.map(ServiceProbe.SampleItem::itemId).orElse("ITEM_ID"),
                sample.flatMap(ServiceProbe.SampleItem::searchWord).orElse("shoes"),
                List.of(stack.logFile("index-service"), stack.logFile("ingest-job"), stack.brokerLog())));
        out.flush();

        while (!stack.isStopping()) {
            Optional<String> exited = stack.firstExited();
            if (exited.isPresent()) {
                return fail(stack, hook, err, exited.get());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return 0;
    }

    private static void awaitReady(DemoStack stack, ServiceProbe probe) throws DemoFailure, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!stack.isStopping()) {
            Optional<String> exited = stack.firstExited();
            if (exited.isPresent()) {
                throw new DemoFailure(exited.get());
            }
            if (probe.isReady()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DemoFailure("The index service did not answer " + probe.baseUrl() + "/readyz with 200 within "
                        + READY_TIMEOUT.toSeconds() + " s; see " + stack.logFile("index-service") + " and "
                        + stack.logFile("ingest-job"));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static int fail(DemoStack stack, Thread hook, PrintStream err, String message) {
        if (stack.isStopping()) {
            return 0; // Ctrl-C during start-up: the hook is stopping everything
        }
        err.println("recsys demo: " + message);
        stack.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down; the hook finds nothing left to stop
        }
        return 1;
    }

    private static void checkPortFree(int port, String flag) throws UsageException {
        if (!LocalPorts.isFree(port)) {
            throw new UsageException(flag + " " + port + " is already in use (is another demo or broker running?)");
        }
    }
}
