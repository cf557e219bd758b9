package dev.recsys.ingest;

import dev.recsys.ingest.functions.CountDeadLetters;
import dev.recsys.ingest.functions.DeduplicateEvents;
import dev.recsys.ingest.functions.EventTimeWatermarks;
import dev.recsys.ingest.functions.JoinItemVectors;
import dev.recsys.ingest.functions.ParseCfModel;
import dev.recsys.ingest.functions.ParseErasure;
import dev.recsys.ingest.functions.ParseInteraction;
import dev.recsys.ingest.functions.ParseItemVectors;
import dev.recsys.ingest.functions.SlidingItemCounts;
import dev.recsys.ingest.functions.UpdateProfile;
import dev.recsys.ingest.kafka.KafkaConnectors;
import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.records.ProfileInput;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemStats;
import dev.recsys.ranker.records.ItemVectors;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ingest pipeline: interactions in, shopper vectors out.
 *
 * <pre>
 *                                  interactions                 item-vectors (compacted)
 *                                       │                              │
 *  interactions-dlq ◄── rejected ── ParseInteraction             ParseItemVectors ──► bad ones: logged, counted
 *         ▲                             │                              │
 *         │                       watermarks (ts)                      │
 *         │                             │                              │
 *         │                       keyBy(itemId)                  keyBy(itemId)
 *         │                             └───► JoinItemVectors ◄────────┘
 *         └──── unknown item ─────────────────────┤
 *               (no vectors within the wait)      │  (chained, still by itemId)
 *                                          DeduplicateEvents ──► duplicates: counted, dropped
 *                                                 │
 *                                                 ├──► SlidingItemCounts (per window) ─► item-stats
 *                                                 │
 *                                                 │        erasures (compacted) ─► ParseErasure ──► bad ones: logged, counted
 *                                                 │                                     │
 *                                            keyBy(userId) ◄────────────────────────────┘
 *                                                 │                 cf-model (YᵀY, broadcast)
 *                                            UpdateProfile ◄──────────────────┘
 *                                                 │
 *                                            user-vectors (key = userId; a tombstone per erasure)
 * </pre>
 *
 * <p>Sources and sinks are given to the constructor, so tests run the very same pipeline on
 * in-memory data or against a real broker; {@link IngestJobMain} wires the Kafka ones. Every
 * operator has a name and a stable uid, so state survives restarts from savepoints across code
 * changes.
 */
public final class IngestJob {
    /** The job's name in the Flink UI and REST API. */
    public static final String NAME = "recsys-ingest";

    private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    private static final TypeInformation<ItemStats> ITEM_STATS = TypeInformation.of(ItemStats.class);
    private static final TypeInformation<ProfileInput> PROFILE_INPUT = TypeInformation.of(ProfileInput.class);

    private final Source<byte[], ?, ?> interactions;
    private final Source<byte[], ?, ?> itemVectors;
    private final Source<byte[], ?, ?> cfModel;
    private final Source<byte[], ?, ?> erasures;
    private final Sink<UserVectorsUpdate> userVectors;
    private final Sink<DeadLetter> deadLetters;
    private final Sink<ItemStats> itemStats;
    private final IngestJobOptions options;

    /**
     * @param interactions raw values of the {@code interactions} topic (an empty array for a null
     *     value)
     * @param itemVectors raw values of the {@code item-vectors} topic
     * @param cfModel raw values of the {@code cf-model} topic (the CF model to fold shoppers into)
     * @param erasures raw values of the {@code erasures} topic (shoppers to erase)
     * @param userVectors where shoppers' new vectors and erased shoppers' tombstones go ({@code
     *     user-vectors})
     * @param deadLetters where rejected interactions go ({@code interactions-dlq})
     * @param itemStats where per-item window counts go ({@code item-stats}); unused when the
     *     options have no windows
     * @param options parallelism, checkpointing, state, half-life, unknown-item wait, watermarks,
     *     windows; the Kafka settings in it are not used here
     */
    public IngestJob(
            Source<byte[], ?, ?> interactions,
            Source<byte[], ?, ?> itemVectors,
            Source<byte[], ?, ?> cfModel,
            Source<byte[], ?, ?> erasures,
            Sink<UserVectorsUpdate> userVectors,
            Sink<DeadLetter> deadLetters,
            Sink<ItemStats> itemStats,
            IngestJobOptions options) {
        this.interactions = Objects.requireNonNull(interactions, "interactions");
        this.itemVectors = Objects.requireNonNull(itemVectors, "itemVectors");
        this.cfModel = Objects.requireNonNull(cfModel, "cfModel");
        this.erasures = Objects.requireNonNull(erasures, "erasures");
        this.userVectors = Objects.requireNonNull(userVectors, "userVectors");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.itemStats = Objects.requireNonNull(itemStats, "itemStats");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Completed checkpoints Flink keeps per run; older ones are deleted as new ones complete. */
    public static final int RETAINED_CHECKPOINTS = 3;

    /**
     * The job's settings as Flink configuration for an environment whose own configuration is {@code
     * cluster}: no Kryo fallback and object reuse (the job's code relies on both); the checkpoint and
     * state settings; the checkpoint or savepoint to start from.
     *
     * <p>Each checkpoint and state setting (interval, storage and folder, state backend, retention,
     * incremental checkpoints, restart strategy) is the flag's when one was given; otherwise a setting
     * the cluster has ({@code execution.checkpointing.*}, {@code state.*}, {@code restart-strategy.*}) is
     * left alone, and only where it has none does the job set its default. So {@code flink run} against
     * a cluster keeps what its operators configured, and the embedded run (whose cluster configuration
     * is empty) gets the defaults: checkpoints every 60 s into {@code ./data/ingest/checkpoints}, heap
     * state, the newest {@value #RETAINED_CHECKPOINTS} retained on cancellation.
     */
    public static Configuration configuration(IngestJobOptions options, ReadableConfig cluster) {
        Configuration config = new Configuration();
        // Every type in this job has a Flink serialiser; a Kryo fallback would be a mistake.
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // Records are immutable once emitted, so chained operators may share them instead of copying
        // each one (vectors included) at every hop.
        config.set(PipelineOptions.OBJECT_REUSE, true);
        UnlessClusterSets job = new UnlessClusterSets(config, cluster);
        job.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                options.checkpointInterval(),
                IngestJobOptions.DEFAULT_CHECKPOINT_INTERVAL);
        job.set(
                StateBackendOptions.STATE_BACKEND,
                options.stateBackend() == null ? null : options.stateBackend().flinkName(),
                IngestJobOptions.StateBackend.HEAP.flinkName());
        if (options.checkpointDir() != null) {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        } else {
            job.set(CheckpointingOptions.CHECKPOINT_STORAGE, null, "filesystem");
            job.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, null, defaultCheckpointDir());
        }
        // Retained when the job is cancelled, so the next start resumes from them.
        job.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                null,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        job.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, null, RETAINED_CHECKPOINTS);
        if (!cluster.getOptional(RestartStrategyOptions.RESTART_STRATEGY).isPresent()) {
            // What Flink 2.2 does by default once checkpointing is on, made explicit because the job
            // relies on it: restart from the latest checkpoint after any failure (a broker that is away
            // longer than the producer's delivery timeout, say), forever, 1 s apart at first and at most
            // 1 min apart.
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        }
        if (stateBackend(options, cluster) == IngestJobOptions.StateBackend.ROCKSDB) {
            // Only the changes since the last checkpoint are uploaded.
            job.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, null, true);
        }
        if (options.restoreFrom() != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, options.restoreFrom());
            // The checkpoint started from stays the operator's (Flink neither deletes it nor lets the
            // new run's incremental checkpoints build on its files), so once the new run has a
            // checkpoint of its own the older run's folder can go (OlderRunsPruner), and a run that
            // fails before that leaves it intact for the next start.
            config.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.NO_CLAIM);
        }
        return config;
    }

    /** What the job runs with in an environment configured as {@code cluster}: its settings over the cluster's. */
    public static Configuration effective(IngestJobOptions options, ReadableConfig cluster) {
        Configuration effective = Configuration.fromMap(cluster.toMap());
        effective.addAll(configuration(options, cluster));
        return effective;
    }

    /**
     * The state backend in force: the flag's, else the cluster's; the heap when the cluster names none,
     * RocksDB for RocksDB and ForSt (state on disk), the heap layout otherwise.
     */
    static IngestJobOptions.StateBackend stateBackend(IngestJobOptions options, ReadableConfig cluster) {
        if (options.stateBackend() != null) {
            return options.stateBackend();
        }
        String name = cluster.getOptional(StateBackendOptions.STATE_BACKEND).orElse("hashmap");
        return name.equalsIgnoreCase("rocksdb") || name.equalsIgnoreCase("forst")
                ? IngestJobOptions.StateBackend.ROCKSDB
                : IngestJobOptions.StateBackend.HEAP;
    }

    /** {@link IngestJobOptions#DEFAULT_CHECKPOINT_DIR} in the working directory, as a URI. */
    static String defaultCheckpointDir() {
        return Path.of(IngestJobOptions.DEFAULT_CHECKPOINT_DIR)
                .toAbsolutePath()
                .normalize()
                .toUri()
                .toString();
    }

    /** Sets an option from its flag, else (when the cluster has no value for it) to the job's default. */
    private record UnlessClusterSets(Configuration config, ReadableConfig cluster) {
        <T> void set(ConfigOption<T> option, T flag, T defaultValue) {
            if (flag != null) {
                config.set(option, flag);
            } else if (!cluster.getOptional(option).isPresent()) {
                config.set(option, defaultValue);
            }
        }
    }

    /** The job wired to the project's Kafka topics, as it runs in production and in the demo. */
    public static IngestJob onKafka(IngestJobOptions options) {
        KafkaConnectors kafka = new KafkaConnectors(
                options.kafka(), options.groupId(), options.startingOffsets(), options.vectorEncoding());
        return new IngestJob(
                kafka.interactions(),
                kafka.itemVectors(),
                kafka.cfModel(),
                kafka.erasures(),
                kafka.userVectors(),
                kafka.deadLetters(),
                kafka.itemStats(),
                options);
    }

    /**
     * Configures {@code env} ({@link #configuration} over what {@code env} is configured with: the
     * cluster's settings under {@code flink run}) and adds the pipeline to it. The caller then runs it
     * with {@code env.execute(IngestJob.NAME)} or {@code env.executeAsync(IngestJob.NAME)}.
     */
    public void build(StreamExecutionEnvironment env) {
        ReadableConfig cluster = env.getConfiguration();
        IngestJobOptions.StateBackend backend = stateBackend(options, cluster);
        env.configure(configuration(options, cluster));
        env.setParallelism(options.parallelism());
        env.setBufferTimeout(options.bufferTimeout().toMillis());

        SingleOutputStreamOperator<InteractionEvent> parsed = env.fromSource(
                        interactions, WatermarkStrategy.noWatermarks(), "interactions-source", BYTES)
                .uid("interactions-source")
                .process(new ParseInteraction())
                .name("parse-interaction")
                .uid("parse-interaction");

        SingleOutputStreamOperator<EnrichedInteraction> joined = joinItemVectors(env, parsed);

        // Still partitioned by itemId: de-duplication and item statistics run chained to the join,
        // without a shuffle of their own (every copy of an event has the same item).
        DataStream<EnrichedInteraction> unique = byItem(joined)
                .process(new DeduplicateEvents(options.dedupTtl(), dedupLayout(backend)))
                .name("deduplicate-events")
                .uid("deduplicate-events");

        addItemStats(unique);
        addProfiles(env, unique);

        parsed.getSideOutput(ParseInteraction.REJECTED)
                .union(joined.getSideOutput(JoinItemVectors.UNKNOWN_ITEM))
                .map(new CountDeadLetters())
                .name("count-dead-letters")
                .uid("count-dead-letters")
                .sinkTo(deadLetters)
                .name("dead-letter-sink")
                .uid("dead-letter-sink");
    }

    /** The parsed events, given event time, joined by item with the item vectors. */
    private SingleOutputStreamOperator<EnrichedInteraction> joinItemVectors(
            StreamExecutionEnvironment env, DataStream<InteractionEvent> parsed) {
        DataStream<InteractionEvent> events = parsed.assignTimestampsAndWatermarks(
                        EventTimeWatermarks.interactions(options.outOfOrderness(), options.idleness()))
                .name("interaction-watermarks")
                .uid("interaction-watermarks");

        DataStream<ItemVectors> items = env.fromSource(
                        itemVectors, EventTimeWatermarks.referenceData(), "item-vectors-source", BYTES)
                .uid("item-vectors-source")
                .flatMap(new ParseItemVectors())
                .name("parse-item-vectors")
                .uid("parse-item-vectors");

        return events.keyBy(InteractionEvent::itemId, Types.STRING)
                .connect(items.keyBy(ItemVectors::itemId, Types.STRING))
                .process(new JoinItemVectors(options.unknownItemWait()))
                .name("join-item-vectors")
                .uid("join-item-vectors");
    }

    /**
     * The shoppers' profiles: their events and erasures, keyed by shopper, with the CF model broadcast to
     * every task, into the user-vectors sink.
     */
    private void addProfiles(StreamExecutionEnvironment env, DataStream<EnrichedInteraction> unique) {
        // The CF model is a few KiB (YᵀY), so every profile task gets all of it.
        BroadcastStream<CfModel> models = env.fromSource(
                        cfModel, EventTimeWatermarks.referenceData(), "cf-model-source", BYTES)
                .uid("cf-model-source")
                .flatMap(new ParseCfModel())
                .name("parse-cf-model")
                .uid("parse-cf-model")
                .broadcast(UpdateProfile.CF_MODEL);

        // Erasures meet the shopper's events in the same keyed state: one stream of both, keyed by
        // shopper (the profile operator's other input is the broadcast model).
        DataStream<ProfileInput> interactionInputs = unique.map(ProfileInput::of)
                .returns(PROFILE_INPUT)
                .name("interaction-to-profile")
                .uid("interaction-to-profile");
        DataStream<ProfileInput> erasureInputs = env.fromSource(
                        erasures, EventTimeWatermarks.referenceData(), "erasures-source", BYTES)
                .uid("erasures-source")
                .flatMap(new ParseErasure())
                .name("parse-erasures")
                .uid("parse-erasures")
                .map(ProfileInput::of)
                .returns(PROFILE_INPUT)
                .name("erasure-to-profile")
                .uid("erasure-to-profile");

        interactionInputs
                .union(erasureInputs)
                .keyBy(ProfileInput::userId, Types.STRING)
                .connect(models)
                .process(new UpdateProfile(options.halfLife(), options.profileTtl()))
                .name("update-profile")
                .uid("update-profile")
                .sinkTo(userVectors)
                .name("user-vectors-sink")
                .uid("user-vectors-sink");
    }

    /** One sliding event-time window per configured size, counted per item, all into one sink. */
    private void addItemStats(DataStream<EnrichedInteraction> events) {
        DataStream<ItemStats> all = null;
        for (IngestJobOptions.StatsWindow window : options.itemStatsWindows()) {
            String uid = "item-stats-" + window.label();
            DataStream<ItemStats> counts = byItem(events)
                    .process(new SlidingItemCounts(window.label(), window.size(), window.slide()), ITEM_STATS)
                    .name(uid)
                    .uid(uid);
            all = all == null ? counts : all.union(counts);
        }
        if (all != null) {
            all.sinkTo(itemStats).name("item-stats-sink").uid("item-stats-sink");
        }
    }

    /** Compact generations on the heap; on RocksDB one entry per id, so an event reads and writes one entry. */
    private static DeduplicateEvents.Layout dedupLayout(IngestJobOptions.StateBackend backend) {
        return switch (backend) {
            case HEAP -> DeduplicateEvents.Layout.GENERATIONS;
            case ROCKSDB -> DeduplicateEvents.Layout.MAP;
        };
    }

    /** A stream that is already partitioned by itemId, keyed again without a shuffle. */
    private static KeyedStream<EnrichedInteraction, String> byItem(DataStream<EnrichedInteraction> stream) {
        return DataStreamUtils.reinterpretAsKeyedStream(
                stream, interaction -> interaction.event().itemId(), Types.STRING);
    }
}
