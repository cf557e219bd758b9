package dev.recsys.ingest;

import dev.recsys.ingest.kafka.StartingOffsets;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.profile.ProfileConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the ingest job can be told on its command line, with defaults fit for the embedded
 * run on a small machine. Each value is checked once, here, and a bad one is reported with the flag
 * that carried it.
 *
 * @param bootstrapServers the Kafka brokers, {@code host:port[,host:port...]}
 * @param groupId consumer group of the {@code interactions} source (offsets are committed on
 *     checkpoints); the {@code item-vectors} source uses {@code groupId + "-item-vectors"}
 * @param parallelism parallelism of every operator
 * @param checkpointInterval time between checkpoints
 * @param halfLife after this much event time an interaction counts half as much in a profile
 * @param unknownItemWait how long an interaction waits for its item's vectors before it is
 *     dead-lettered
 * @param startingOffsets where {@code interactions} is read from when there is no checkpoint to
 *     resume from
 * @param outOfOrderness how late (in event time) interactions may arrive before the watermark
 *     passes them
 * @param idleness after this long without interactions a source split stops holding back the
 *     watermark
 * @param bufferTimeout longest time a record waits in a network buffer before it is sent on; the
 *     main latency cost at low event rates (Flink's default is 100 ms per shuffle, and the job has
 *     two)
 * @param dedupTtl how long an eventId is remembered for de-duplication (processing time)
 * @param profileTtl a shopper's profile expires after this long without an interaction
 *     (processing time)
 * @param itemStatsWindows the sliding event-time windows of {@code item-stats}; empty for none
 * @param stateBackend where keyed state lives
 * @param vectorEncoding how the vectors in {@code user-vectors} records are written (readers accept
 *     both)
 * @param checkpointDir checkpoint storage, a URI ({@code file:///...}, {@code s3://...})
 * @param restoreFrom a retained checkpoint or savepoint to start from, or {@code null}
 */
public record IngestJobOptions(
        String bootstrapServers,
        String groupId,
        int parallelism,
        Duration checkpointInterval,
        Duration halfLife,
        Duration unknownItemWait,
        StartingOffsets startingOffsets,
        Duration outOfOrderness,
        Duration idleness,
        Duration bufferTimeout,
        Duration dedupTtl,
        Duration profileTtl,
        List<StatsWindow> itemStatsWindows,
        StateBackend stateBackend,
        VectorEncoding vectorEncoding,
        String checkpointDir,
        String restoreFrom) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_GROUP_ID = "recsys-ingest";
    public static final int DEFAULT_PARALLELISM = 2;
    /**
     * Heap state is written whole at every checkpoint (~120 MB at 100,000 shoppers with 256-d
     * vectors): at 10 s that work, on two cores shared with a broker and the service, left the job
     * behind at 20,000 events/s. A restart replays at most one interval of events.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    public static final Duration DEFAULT_UNKNOWN_ITEM_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(5);
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_PROFILE_TTL = Duration.ofDays(90);
    /** Trending (last hour, every 5 minutes) and daily popularity (last day, every hour). */
    public static final List<StatsWindow> DEFAULT_ITEM_STATS_WINDOWS = List.of(
            new StatsWindow(Duration.ofHours(1), Duration.ofMinutes(5)),
            new StatsWindow(Duration.ofDays(1), Duration.ofHours(1)));
    /**
     * Relative to the working directory, like the service's {@code ./data/service}: a restart from
     * the same folder resumes from its latest checkpoint. A cluster needs shared storage instead.
     */
    public static final String DEFAULT_CHECKPOINT_DIR = "data/ingest/checkpoints";
    /** Flink refuses checkpoint intervals below this. */
    public static final long MIN_CHECKPOINT_INTERVAL_MS = 10;

    /** The flags and what they mean, in the order {@link #usage()} lists them. */
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("--bootstrap-servers", "Kafka brokers (default " + DEFAULT_BOOTSTRAP_SERVERS + ")");
        FLAGS.put("--group-id", "consumer group of the interactions source (default " + DEFAULT_GROUP_ID + ")");
        FLAGS.put("--parallelism", "parallelism of every operator (default " + DEFAULT_PARALLELISM + ")");
        FLAGS.put(
                "--checkpoint-interval-ms",
                "milliseconds between checkpoints (default " + DEFAULT_CHECKPOINT_INTERVAL.toMillis() + ")");
        FLAGS.put(
                "--half-life",
                "ISO-8601 duration after which an interaction counts half (default " + ProfileConfig.DEFAULT_HALF_LIFE
                        + ")");
        FLAGS.put(
                "--unknown-item-wait-ms",
                "how long an interaction waits for its item's vectors (default " + DEFAULT_UNKNOWN_ITEM_WAIT.toMillis()
                        + ")");
        FLAGS.put(
                "--starting-offsets",
                "earliest | latest: where interactions is read from when there is no checkpoint to resume from"
                        + " (default earliest: rebuild every shopper from the topic)");
        FLAGS.put(
                "--out-of-orderness-ms",
                "event-time lateness the watermark allows (default " + DEFAULT_OUT_OF_ORDERNESS.toMillis() + ")");
        FLAGS.put(
                "--idleness-ms",
                "quiet time after which a split stops holding back the watermark (default "
                        + DEFAULT_IDLENESS.toMillis() + ")");
        FLAGS.put(
                "--buffer-timeout-ms",
                "longest wait of a record in a network buffer, trading latency for throughput (default "
                        + DEFAULT_BUFFER_TIMEOUT.toMillis() + ")");
        FLAGS.put(
                "--dedup-ttl",
                "ISO-8601 duration an eventId is remembered to drop replays (default " + iso(DEFAULT_DEDUP_TTL) + ")");
        FLAGS.put(
                "--profile-ttl",
                "ISO-8601 duration after which an inactive shopper's profile expires (default "
                        + iso(DEFAULT_PROFILE_TTL) + ")");
        FLAGS.put(
                "--item-stats-windows",
                "SIZE/SLIDE[,SIZE/SLIDE...] ISO-8601 sliding windows of item-stats, or none (default "
                        + StatsWindow.flagValue(DEFAULT_ITEM_STATS_WINDOWS) + ")");
        FLAGS.put("--state-backend", "heap | rocksdb (default heap)");
        FLAGS.put(
                "--vector-encoding",
                "base64 | array: vectors in user-vectors as base64 float32 (exact, cheapest) or as JSON arrays"
                        + " of numbers (default base64; readers accept both)");
        FLAGS.put(
                "--checkpoint-dir",
                "folder or URI of checkpoints; a start resumes from the latest completed one in it (default ./"
                        + DEFAULT_CHECKPOINT_DIR + ")");
        FLAGS.put(
                "--restore-from",
                "a retained checkpoint (chk-N folder) or savepoint to start from instead of the latest one in"
                        + " --checkpoint-dir");
    }

    /** Where keyed state lives. */
    public enum StateBackend {
        /** Objects on the JVM heap: fastest; state must fit in memory. */
        HEAP("hashmap"),
        /** RocksDB on local disk (managed memory as cache): state larger than memory, incremental checkpoints. */
        ROCKSDB("rocksdb");

        private final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }

        /** The value of Flink's {@code state.backend.type}. */
        public String flinkName() {
            return flinkName;
        }

        static StateBackend fromFlag(String value) {
            return switch (value) {
                case "heap", "hashmap" -> HEAP;
                case "rocksdb" -> ROCKSDB;
                default ->
                    throw new IllegalArgumentException("--state-backend must be heap or rocksdb, got '" + value + "'");
            };
        }
    }

    /**
     * One sliding event-time window of the item statistics.
     *
     * @param size how much event time one count covers
     * @param slide how often (in event time) a new window starts; divides {@code size}
     */
    public record StatsWindow(Duration size, Duration slide) {
        public StatsWindow {
            if (size == null || slide == null || size.toMillis() < 1 || slide.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "--item-stats-windows: size and slide must be positive, got " + size + "/" + slide);
            }
            if (size.toMillis() % slide.toMillis() != 0) {
                throw new IllegalArgumentException(
                        "--item-stats-windows: slide " + slide + " must divide size " + size);
            }
        }

        /** The window's name in {@code item-stats} records: its size, e.g. {@code PT1H}, {@code P1D}. */
        public String label() {
            return iso(size);
        }

        static String flagValue(List<StatsWindow> windows) {
            if (windows.isEmpty()) {
                return "none";
            }
            List<String> parts = new ArrayList<>();
            for (StatsWindow window : windows) {
                parts.add(iso(window.size()) + "/" + iso(window.slide()));
            }
            return String.join(",", parts);
        }
    }

    public IngestJobOptions {
        requireText(bootstrapServers, "--bootstrap-servers");
        requireText(groupId, "--group-id");
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < MIN_CHECKPOINT_INTERVAL_MS) {
            throw new IllegalArgumentException("--checkpoint-interval-ms must be at least " + MIN_CHECKPOINT_INTERVAL_MS
                    + ", got " + millis(checkpointInterval));
        }
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("--half-life must be a positive duration, got " + halfLife);
        }
        requireNotNegative(unknownItemWait, "--unknown-item-wait-ms");
        if (startingOffsets == null) {
            throw new IllegalArgumentException("--starting-offsets is required");
        }
        requireNotNegative(outOfOrderness, "--out-of-orderness-ms");
        requireNotNegative(idleness, "--idleness-ms");
        if (idleness.isZero()) {
            throw new IllegalArgumentException("--idleness-ms must be positive, got 0");
        }
        requireNotNegative(bufferTimeout, "--buffer-timeout-ms");
        requirePositive(dedupTtl, "--dedup-ttl");
        requirePositive(profileTtl, "--profile-ttl");
        if (itemStatsWindows == null) {
            throw new IllegalArgumentException("--item-stats-windows is required (none for no windows)");
        }
        itemStatsWindows = List.copyOf(itemStatsWindows);
        if (itemStatsWindows.stream().map(StatsWindow::label).distinct().count() != itemStatsWindows.size()) {
            throw new IllegalArgumentException("--item-stats-windows: two windows have the same size");
        }
        if (stateBackend == null) {
            throw new IllegalArgumentException("--state-backend is required");
        }
        if (vectorEncoding == null) {
            throw new IllegalArgumentException("--vector-encoding is required");
        }
        requireText(checkpointDir, "--checkpoint-dir");
        checkpointDir = toUri(checkpointDir);
        if (restoreFrom != null) {
            requireText(restoreFrom, "--restore-from");
            restoreFrom = toUri(restoreFrom);
        }
    }

    private static VectorEncoding encodingFlag(String value) {
        try {
            return VectorEncoding.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--vector-encoding must be base64 or array, got '" + value + "'");
        }
    }

    /** The same options, starting from a retained checkpoint or savepoint. */
    public IngestJobOptions withRestoreFrom(String path) {
        return new IngestJobOptions(
                bootstrapServers,
                groupId,
                parallelism,
                checkpointInterval,
                halfLife,
                unknownItemWait,
                startingOffsets,
                outOfOrderness,
                idleness,
                bufferTimeout,
                dedupTtl,
                profileTtl,
                itemStatsWindows,
                stateBackend,
                vectorEncoding,
                checkpointDir,
                path);
    }

    public static IngestJobOptions defaults() {
        return new IngestJobOptions(
                DEFAULT_BOOTSTRAP_SERVERS,
                DEFAULT_GROUP_ID,
                DEFAULT_PARALLELISM,
                DEFAULT_CHECKPOINT_INTERVAL,
                ProfileConfig.DEFAULT_HALF_LIFE,
                DEFAULT_UNKNOWN_ITEM_WAIT,
                StartingOffsets.EARLIEST,
                DEFAULT_OUT_OF_ORDERNESS,
                DEFAULT_IDLENESS,
                DEFAULT_BUFFER_TIMEOUT,
                DEFAULT_DEDUP_TTL,
                DEFAULT_PROFILE_TTL,
                DEFAULT_ITEM_STATS_WINDOWS,
                StateBackend.HEAP,
                VectorEncoding.BASE64,
                DEFAULT_CHECKPOINT_DIR,
                null);
    }

    /**
     * Parses {@code --flag value} and {@code --flag=value} pairs over the defaults.
     *
     * @throws IllegalArgumentException naming the flag when one is unknown, lacks its value or
     *     carries a bad one
     */
    public static IngestJobOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = null;
            }
            if (!FLAGS.containsKey(flag)) {
                throw new IllegalArgumentException(
                        "unknown flag '" + flag + "' (known: " + String.join(", ", FLAGS.keySet()) + ")");
            }
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            if (values.put(flag, value) != null) {
                throw new IllegalArgumentException(flag + " is given more than once");
            }
        }
        IngestJobOptions d = defaults();
        return new IngestJobOptions(
                values.getOrDefault("--bootstrap-servers", d.bootstrapServers()),
                values.getOrDefault("--group-id", d.groupId()),
                intFlag(values, "--parallelism", d.parallelism()),
                millisFlag(values, "--checkpoint-interval-ms", d.checkpointInterval()),
                durationFlag(values, "--half-life", d.halfLife()),
                millisFlag(values, "--unknown-item-wait-ms", d.unknownItemWait()),
                offsetsFlag(values, d.startingOffsets()),
                millisFlag(values, "--out-of-orderness-ms", d.outOfOrderness()),
                millisFlag(values, "--idleness-ms", d.idleness()),
                millisFlag(values, "--buffer-timeout-ms", d.bufferTimeout()),
                durationFlag(values, "--dedup-ttl", d.dedupTtl()),
                durationFlag(values, "--profile-ttl", d.profileTtl()),
                windowsFlag(values, d.itemStatsWindows()),
                values.containsKey("--state-backend")
                        ? StateBackend.fromFlag(values.get("--state-backend").trim())
                        : d.stateBackend(),
                values.containsKey("--vector-encoding")
                        ? encodingFlag(values.get("--vector-encoding").trim())
                        : d.vectorEncoding(),
                values.getOrDefault("--checkpoint-dir", d.checkpointDir()),
                values.get("--restore-from"));
    }

    /** One line per flag, for {@code --help} and for error messages. */
    public static String usage() {
        StringBuilder text = new StringBuilder("flags:\n");
        FLAGS.forEach((flag, help) -> text.append(String.format(Locale.ROOT, "  %-26s %s%n", flag, help)));
        return text.toString();
    }

    private static int intFlag(Map<String, String> values, String flag, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + value + "'");
        }
    }

    private static Duration millisFlag(Map<String, String> values, String flag, Duration fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number of milliseconds, got '" + value + "'");
        }
    }

    private static Duration durationFlag(Map<String, String> values, String flag, Duration fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    flag + " must be an ISO-8601 duration such as P1D or PT6H, got '" + value + "'");
        }
    }

    private static StartingOffsets offsetsFlag(Map<String, String> values, StartingOffsets fallback) {
        String value = values.get("--starting-offsets");
        if (value == null) {
            return fallback;
        }
        try {
            return StartingOffsets.fromFlag(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--starting-offsets: " + e.getMessage());
        }
    }

    private static List<StatsWindow> windowsFlag(Map<String, String> values, List<StatsWindow> fallback) {
        String value = values.get("--item-stats-windows");
        if (value == null) {
            return fallback;
        }
        if (value.trim().equals("none")) {
            return List.of();
        }
        List<StatsWindow> windows = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String[] sizeSlide = part.trim().split("/", -1);
            if (sizeSlide.length != 2) {
                throw new IllegalArgumentException(
                        "--item-stats-windows must be SIZE/SLIDE[,SIZE/SLIDE...] or none, got '" + value + "'");
            }
            try {
                windows.add(new StatsWindow(Duration.parse(sizeSlide[0].trim()), Duration.parse(sizeSlide[1].trim())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--item-stats-windows: '" + part.trim() + "' is not two ISO-8601 durations such as PT1H/PT5M");
            }
        }
        return windows;
    }

    /** A URI as is ({@code file:}, {@code s3:}, ...); a plain path made absolute, as a {@code file:} URI. */
    private static String toUri(String location) {
        String trimmed = location.trim();
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
            return trimmed;
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toUri().toString();
    }

    private static void requirePositive(Duration value, String flag) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(flag + " must be a positive duration, got " + value);
        }
    }

    private static void requireText(String value, String flag) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be empty");
        }
    }

    private static void requireNotNegative(Duration value, String flag) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(flag + " must not be negative, got " + millis(value));
        }
    }

    /** {@code P1D} rather than {@code PT24H} for whole days. */
    private static String iso(Duration value) {
        return value.toNanos() % Duration.ofDays(1).toNanos() == 0 ? "P" + value.toDays() + "D" : value.toString();
    }

    private static String millis(Duration value) {
        return value == null ? "nothing" : Long.toString(value.toMillis());
    }
}
