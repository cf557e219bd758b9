package dev.recsys.ingest;

import dev.recsys.cli.Cli;
import dev.recsys.cli.kafka.KafkaSettings;
import dev.recsys.ingest.kafka.StartingOffsets;
import dev.recsys.ranker.json.VectorEncoding;
import dev.recsys.ranker.profile.ProfileConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the ingest job can be told on its command line ({@link IngestCommand}), with defaults
 * fit for the embedded run on a small machine. Each value is checked once, here, and a bad one is
 * reported with the flag that carried it.
 *
 * <p>The checkpoint settings ({@code checkpointInterval}, {@code stateBackend}, {@code checkpointDir})
 * are {@code null} when no flag gives them: the job then takes the Flink cluster's, and its own
 * defaults only where the cluster sets nothing ({@link IngestJob#configuration}).
 *
 * @param kafka the Kafka brokers and the client properties passed through to every source and sink
 * @param groupId consumer group of the {@code interactions} source (offsets are committed on
 *     checkpoints); the {@code item-vectors} source uses {@code groupId + "-item-vectors"}
 * @param parallelism parallelism of every operator
 * @param checkpointInterval time between checkpoints, or {@code null} for the cluster's or {@link
 *     #DEFAULT_CHECKPOINT_INTERVAL}
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
 * @param stateBackend where keyed state lives, or {@code null} for the cluster's or the heap
 * @param vectorEncoding how the vectors in {@code user-vectors} records are written (readers accept
 *     both)
 * @param checkpointDir checkpoint storage, a URI ({@code file:///...}, {@code s3://...}), or {@code null}
 *     for the cluster's or {@link #DEFAULT_CHECKPOINT_DIR}
 * @param restoreFrom a retained checkpoint or savepoint to start from, or {@code null}
 */
public record IngestJobOptions(
        KafkaSettings kafka,
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

        /** The flag's value: {@code heap} or {@code rocksdb}. */
        public String flagValue() {
            return this == HEAP ? "heap" : "rocksdb";
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

        /** The flag's value of {@code windows}: {@code SIZE/SLIDE,...}, or {@code none}. */
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
        if (kafka == null) {
            throw new IllegalArgumentException("--bootstrap-servers is required");
        }
        requireText(groupId, "--group-id");
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointInterval != null && checkpointInterval.toMillis() < MIN_CHECKPOINT_INTERVAL_MS) {
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
        if (vectorEncoding == null) {
            throw new IllegalArgumentException("--vector-encoding is required");
        }
        if (checkpointDir != null) {
            requireText(checkpointDir, "--checkpoint-dir");
            checkpointDir = toUri(checkpointDir);
        }
        if (restoreFrom != null) {
            requireText(restoreFrom, "--restore-from");
            restoreFrom = toUri(restoreFrom);
        }
    }

    /** The Kafka brokers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    static VectorEncoding encodingFlag(String value) {
        try {
            return VectorEncoding.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--vector-encoding must be base64 or array, got '" + value + "'");
        }
    }

    /** The same options, starting from a retained checkpoint or savepoint. */
    public IngestJobOptions withRestoreFrom(String path) {
        return new IngestJobOptions(
                kafka,
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

    /** The options of a command line without flags: a local broker, and the cluster's checkpoint settings. */
    public static IngestJobOptions defaults() {
        return new IngestJobOptions(
                KafkaSettings.of(KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS),
                DEFAULT_GROUP_ID,
                DEFAULT_PARALLELISM,
                null,
                ProfileConfig.DEFAULT_HALF_LIFE,
                DEFAULT_UNKNOWN_ITEM_WAIT,
                StartingOffsets.EARLIEST,
                DEFAULT_OUT_OF_ORDERNESS,
                DEFAULT_IDLENESS,
                DEFAULT_BUFFER_TIMEOUT,
                DEFAULT_DEDUP_TTL,
                DEFAULT_PROFILE_TTL,
                DEFAULT_ITEM_STATS_WINDOWS,
                null,
                VectorEncoding.BASE64,
                null,
                null);
    }

    /**
     * Parses the flags alone (no {@code RECSYS_} variables, no {@code --config} file) over the defaults.
     *
     * @throws dev.recsys.cli.UsageException naming the flag when one is unknown, lacks its value or
     *     carries a bad one
     */
    public static IngestJobOptions parse(String... args) {
        return Cli.parse(new IngestCommand(), args, Map.of()).options();
    }

    static StartingOffsets offsetsFlag(String value) {
        try {
            return StartingOffsets.fromFlag(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--starting-offsets: " + e.getMessage());
        }
    }

    static List<StatsWindow> windowsFlag(String value) {
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
