package dev.recsys.ingest;

import dev.recsys.ingest.functions.EventTimeWatermarks;
import dev.recsys.ingest.functions.JoinItemVectors;
import dev.recsys.ingest.functions.ParseInteraction;
import dev.recsys.ingest.functions.ParseItemVectors;
import dev.recsys.ingest.functions.UpdateProfile;
import dev.recsys.ingest.records.DeadLetter;
import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.records.UserVectors;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
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
 *         └──── unknown item ─────────────────────────┤
 *               (no vectors within the wait)          │
 *                                                keyBy(userId)
 *                                                     │
 *                                                UpdateProfile
 *                                                     │
 *                                                user-vectors (key = userId)
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

    private final Source<byte[], ?, ?> interactions;
    private final Source<byte[], ?, ?> itemVectors;
    private final Sink<UserVectors> userVectors;
    private final Sink<DeadLetter> deadLetters;
    private final IngestJobOptions options;

    /**
     * @param interactions raw values of the {@code interactions} topic (an empty array for a null
     *     value)
     * @param itemVectors raw values of the {@code item-vectors} topic
     * @param userVectors where shoppers' new vectors go ({@code user-vectors})
     * @param deadLetters where rejected interactions go ({@code interactions-dlq})
     * @param options parallelism, checkpointing, half-life, unknown-item wait, watermarks; the
     *     Kafka settings in it are not used here
     */
    public IngestJob(
            Source<byte[], ?, ?> interactions,
            Source<byte[], ?, ?> itemVectors,
            Sink<UserVectors> userVectors,
            Sink<DeadLetter> deadLetters,
            IngestJobOptions options) {
        this.interactions = Objects.requireNonNull(interactions, "interactions");
        this.itemVectors = Objects.requireNonNull(itemVectors, "itemVectors");
        this.userVectors = Objects.requireNonNull(userVectors, "userVectors");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Configures {@code env} (parallelism, checkpoint interval, no Kryo fallback) and adds the
     * pipeline to it. The caller then runs it with {@code env.execute(IngestJob.NAME)} or {@code
     * env.executeAsync(IngestJob.NAME)}.
     */
    public void build(StreamExecutionEnvironment env) {
        Configuration config = new Configuration();
        // Every type in this job has a Flink serialiser; a Kryo fallback would be a mistake.
        config.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(config);
        env.setParallelism(options.parallelism());
        env.setBufferTimeout(options.bufferTimeout().toMillis());
        env.enableCheckpointing(options.checkpointInterval().toMillis());

        SingleOutputStreamOperator<InteractionEvent> parsed = env.fromSource(
                        interactions, WatermarkStrategy.noWatermarks(), "interactions-source", BYTES)
                .uid("interactions-source")
                .process(new ParseInteraction())
                .name("parse-interaction")
                .uid("parse-interaction");

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

        SingleOutputStreamOperator<EnrichedInteraction> joined = events.keyBy(InteractionEvent::itemId, Types.STRING)
                .connect(items.keyBy(ItemVectors::itemId, Types.STRING))
                .process(new JoinItemVectors(options.unknownItemWait()))
                .name("join-item-vectors")
                .uid("join-item-vectors");

        joined.keyBy(interaction -> interaction.event().userId(), Types.STRING)
                .process(new UpdateProfile(options.halfLife()))
                .name("update-profile")
                .uid("update-profile")
                .sinkTo(userVectors)
                .name("user-vectors-sink")
                .uid("user-vectors-sink");

        parsed.getSideOutput(ParseInteraction.REJECTED)
                .union(joined.getSideOutput(JoinItemVectors.UNKNOWN_ITEM))
                .sinkTo(deadLetters)
                .name("dead-letter-sink")
                .uid("dead-letter-sink");
    }
}
