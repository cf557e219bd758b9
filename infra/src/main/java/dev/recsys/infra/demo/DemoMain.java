package dev.recsys.infra.demo;

import dev.recsys.cli.Cli;
import dev.recsys.cli.UsageException;
import dev.recsys.infra.net.LocalPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./recsys demo}: starts Kafka, the stream job and the index service on the data an earlier
 * run left (or, with {@code --fresh}, on none), waits until the service is ready and an event posted to it reaches a feed, prints what to try,
 * and stops everything on Ctrl-C. A part that dies is started again ({@link DemoSupervisor}); if it
 * keeps dying, prints the end of its log, stops the others and exits with code 1.
 */
public final class DemoMain {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new DemoCommand(options -> 0));
    }

    /** How long the index service may take to answer /readyz with 200. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** Events that must reach a feed before the demo says it is ready: the first one wakes the path. */
    private static final int EVENTS_BEFORE_READY = 2;

    /** The shopper whose events check the path; their profile stays in the demo's data like any other. */
    static final String WARM_UP_SHOPPER = "demo-warm-up";

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(
                args,
                System.getenv(),
                System.out,
                System.err,
                DemoStack.INGEST_MAIN,
                DemoStack.SERVICE_MAIN,
                DemoSupervisor.RestartPolicy.DEFAULT));
    }

    /** Runs the demo until Ctrl-C with the flags alone (no variables); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, DemoStack.INGEST_MAIN, DemoStack.SERVICE_MAIN, DemoSupervisor.RestartPolicy.DEFAULT);
    }

    /**
     * Runs the demo until Ctrl-C, with the flags alone (no variables), other main classes for the job
     * and the service, and another restart policy.
     *
     * @return the exit code: 0 after Ctrl-C, 1 if a part failed, 2 for a bad command line
     */
    static int run(
            String[] args,
            PrintStream out,
            PrintStream err,
            String ingestMain,
            String serviceMain,
            DemoSupervisor.RestartPolicy restarts)
            throws Exception {
        return run(args, Map.of(), out, err, ingestMain, serviceMain, restarts);
    }

    private static int run(
            String[] args,
            Map<String, String> env,
            PrintStream out,
            PrintStream err,
            String ingestMain,
            String serviceMain,
            DemoSupervisor.RestartPolicy restarts)
            throws Exception {
        DemoCommand command = new DemoCommand(options -> start(options, out, err, ingestMain, serviceMain, restarts));
        return Cli.run(command, args, env, out, err);
    }

    private static int start(
            DemoOptions options,
            PrintStream out,
            PrintStream err,
            String ingestMain,
            String serviceMain,
            DemoSupervisor.RestartPolicy restarts)
            throws InterruptedException {
        checkPortFree(options.httpPort(), "--http-port");
        checkPortFree(options.kafkaPort(), "--kafka-port");

        long started = System.nanoTime();
        try {
            prepareData(options, out);
        } catch (IOException e) {
            err.println("recsys demo: " + e.getMessage());
            return 1;
        }
        DemoStack stack = DemoStack.of(options, out, ingestMain, serviceMain);
        DemoSupervisor supervisor = new DemoSupervisor(stack, restarts, out);
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
            awaitReady(options, stack, supervisor, probe);
            awaitEventPath(options, stack, supervisor, probe);
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
                options.bootstrapServers(),
                sample.map(ServiceProbe.SampleItem::itemId).orElse("ITEM_ID"),
                sample.flatMap(ServiceProbe.SampleItem::searchWord).orElse("shoes"),
                options.dataDir(),
                stack.parts().stream()
                        .map(part -> new DemoGuide.Process(part.name(), part.pid(), part.logFile()))
                        .toList(),
                stack.parts().stream()
                        .filter(part -> part.name().equals("ingest-job"))
                        .findFirst()
                        .flatMap(part -> JobMetricsUrl.in(part.logFile()))));
        out.flush();

        try {
            while (!stack.isStopping()) {
                supervisor.check();
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (DemoFailure e) {
            return fail(stack, hook, err, e.getMessage());
        }
        return 0;
    }

    /** Deletes the data of earlier runs for --fresh, else says what of it this run reuses. */
    private static void prepareData(DemoOptions options, PrintStream out) throws IOException {
        DemoData data = new DemoData(options.dataDir());
        if (options.fresh()) {
            if (data.wipe()) {
                out.println("Starting clean: deleted the Kafka data, catalog and stream-job checkpoints in "
                        + DemoData.shown(data.dir()) + " (--fresh)");
            }
        } else {
            data.reuseNotice().ifPresent(out::println);
        }
    }

    private static void awaitReady(DemoOptions options, DemoStack stack, DemoSupervisor supervisor, ServiceProbe probe)
            throws DemoFailure, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!stack.isStopping()) {
            supervisor.check();
            if (probe.isReady()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DemoFailure("The index service did not answer " + probe.baseUrl() + "/readyz with 200 within "
                        + READY_TIMEOUT.toSeconds() + " s; see "
                        + DemoData.shown(options.logFile("index-service")) + " and "
                        + DemoData.shown(options.logFile("ingest-job")));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * Waits until an event posted now reaches its shopper's feed, twice: the service answering is not enough,
     * the stream job must be running and past its first records, or the first click after "ready" would wait
     * seconds for it.
     */
    private static void awaitEventPath(
            DemoOptions options, DemoStack stack, DemoSupervisor supervisor, ServiceProbe probe)
            throws DemoFailure, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Optional<ServiceProbe.SampleItem> item = probe.sampleItem(DemoGuide.SHOPPER);
        int reached = 0;
        while (!stack.isStopping() && reached < EVENTS_BEFORE_READY) {
            supervisor.check();
            if (item.isEmpty()) {
                item = probe.sampleItem(DemoGuide.SHOPPER);
            } else if (probe.eventReachesFeed(WARM_UP_SHOPPER, item.get().itemId(), POLL_INTERVAL.multipliedBy(10))) {
                reached++;
                continue;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new DemoFailure("An event did not reach the feed within " + READY_TIMEOUT.toSeconds()
                        + " s of the service being ready; see " + DemoData.shown(options.logFile("ingest-job")));
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

    private static void checkPortFree(int port, String flag) {
        if (!LocalPorts.isFree(port)) {
            throw new UsageException(flag + " " + port + " is already in use (is another demo or broker running?)");
        }
    }
}
