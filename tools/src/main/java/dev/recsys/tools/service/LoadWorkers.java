package dev.recsys.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.ranker.json.Json;
import dev.recsys.tools.service.LoadTool.Endpoint;
import dev.recsys.tools.service.LoadTool.Stats;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workers of one {@link LoadTool} run: when each request is due (closed loop, or open loop at
 * {@code --rate}), what it asks for, and how its answer is counted. Apart from the command line so the
 * request loop reads on its own.
 */
final class LoadWorkers {
    private static final int REQUEST_TIMEOUT_MILLIS = 30_000;
    static final double UNKNOWN_USER_SHARE = 0.1;

    private final LoadTool.Options options;

    LoadWorkers(LoadTool.Options options) {
        this.options = options;
    }

    LoadTool.Report run() throws InterruptedException {
        Map<Endpoint, Stats> stats = new LinkedHashMap<>();
        for (Endpoint endpoint : Endpoint.values()) {
            stats.put(endpoint, new Stats());
        }
        // Loaded before the clock starts: the first answers' JSON parse would otherwise initialise the
        // parser's classes (a few hundred ms) while every other worker waits for them.
        isEmpty("{\"items\":[]}");
        Schedule schedule = new Schedule(System.nanoTime(), options.warmup(), options.duration());
        ThreadFactory factory = Thread.ofPlatform().name("load-worker-", 0).factory();
        try (ExecutorService workers = Executors.newThreadPerTaskExecutor(factory)) {
            if (options.stopFile() != null) {
                // Lets a script end the run when the thing it measures (e.g. a reindex) is over.
                Thread.ofVirtual().name("load-stop-file").start(() -> watchStopFile(schedule));
            }
            for (int w = 0; w < options.concurrency(); w++) {
                Random random = new Random(options.seed() * 1_000_003L + w);
                workers.submit(() -> work(random, stats, schedule));
            }
            workers.shutdown();
            long seconds = options.warmup().toSeconds() + options.duration().toSeconds() + 60;
            if (!workers.awaitTermination(seconds, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        }
        long measured = Math.max(0, System.nanoTime() - schedule.measureFrom);
        return new LoadTool.Report(stats, Duration.ofNanos(measured));
    }

    /** Moves the deadline to now once the {@code --stop-file} exists. */
    private void watchStopFile(Schedule schedule) {
        while (System.nanoTime() < schedule.deadline.get()) {
            if (Files.exists(options.stopFile())) {
                schedule.deadline.set(System.nanoTime());
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * When requests are due and which count: the warm-up's requests go out like the others (the
     * service, the connections and the tool's own code get warm) but are not recorded.
     */
    static final class Schedule {
        final long start;
        final long measureFrom;
        final AtomicLong deadline;
        final AtomicLong issued = new AtomicLong();
        final AtomicLong measured = new AtomicLong();
        /** Where the warm-up's answers are counted, and then ignored. */
        final Stats warmup = new Stats();

        Schedule(long start, Duration warmup, Duration duration) {
            this.start = start;
            this.measureFrom = start + warmup.toNanos();
            this.deadline = new AtomicLong(measureFrom + duration.toNanos());
        }
    }

    private Void work(Random random, Map<Endpoint, Stats> stats, Schedule schedule) throws InterruptedException {
        try (KeepAliveClient http = new KeepAliveClient(options.url(), REQUEST_TIMEOUT_MILLIS, options.token())) {
            return work(http, random, stats, schedule);
        }
    }

    private Void work(KeepAliveClient http, Random random, Map<Endpoint, Stats> stats, Schedule schedule)
            throws InterruptedException {
        while (true) {
            long due = System.nanoTime();
            if (options.rate() > 0) {
                due = schedule.start + (long) (schedule.issued.getAndIncrement() * 1e9 / options.rate());
                if (due >= schedule.deadline.get()) {
                    return null;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } else if (due >= schedule.deadline.get()) {
                return null;
            }
            boolean recorded = due >= schedule.measureFrom;
            if (recorded && options.maxRequests() > 0 && schedule.measured.getAndIncrement() >= options.maxRequests()) {
                return null;
            }
            Endpoint endpoint = random.nextDouble() < options.feedShare() ? Endpoint.FEED : Endpoint.SEARCH;
            String pathAndQuery = options.url().getRawPath() + endpoint.path + "?" + query(endpoint, random);
            Stats s = recorded ? stats.get(endpoint) : schedule.warmup;
            try {
                KeepAliveClient.Response response = http.get(pathAndQuery);
                s.latency.record((System.nanoTime() - due) / 1_000);
                if (response.status() != 200) {
                    s.non200.incrementAndGet();
                    s.statuses
                            .computeIfAbsent(response.status(), k -> new AtomicLong())
                            .incrementAndGet();
                } else if (isEmpty(response.body())) {
                    s.empty.incrementAndGet();
                }
            } catch (IOException e) {
                s.failed.incrementAndGet();
                if (System.nanoTime() < schedule.deadline.get()) {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
        }
    }

    /** The query string of one request: a shopper (or an unknown visitor), k, and for search the words. */
    String query(Endpoint endpoint, Random random) {
        String user = random.nextDouble() < UNKNOWN_USER_SHARE
                ? "visitor-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                : "shopper-" + (1 + random.nextInt(options.users()));
        StringBuilder query = new StringBuilder("user=").append(encode(user)).append("&k=10");
        if (endpoint == Endpoint.FEED && !options.feedParams().isEmpty()) {
            query.append('&').append(options.feedParams());
        }
        if (endpoint == Endpoint.SEARCH) {
            String words =
                    options.queries().get(random.nextInt(options.queries().size()));
            query.append("&q=").append(encode(words));
        }
        return query.toString();
    }

    /** Whether a 200 answer's {@code items} array is empty (or missing). */
    static boolean isEmpty(String body) {
        try {
            JsonNode items = Json.MAPPER.readTree(body).path("items");
            return !items.isArray() || items.isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
