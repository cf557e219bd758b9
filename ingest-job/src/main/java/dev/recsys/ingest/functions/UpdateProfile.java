package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.state.BlockTypeInfo;
import dev.recsys.ingest.state.UserProfileSerializer;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.profile.UserProfile;
import dev.recsys.ranker.records.UserVectors;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies each interaction to its shopper's profile, keyed by userId, with the ranker's {@link
 * ProfileUpdater} (the same rule offline evaluation uses), and emits the shopper's new vectors.
 * The profile is a flat record of arrays, checkpointed as one block each ({@link
 * UserProfileSerializer}).
 *
 * <p>The second, broadcast input is the CF model ({@code cf-model}: YᵀY and hyper-parameters, a
 * few KiB, not the catalog). With a model, each update also folds the shopper's CF factor in
 * against the item factors that arrive with the events ({@link ProfileUpdater#apply(UserProfile,
 * dev.recsys.ranker.records.InteractionEvent, dev.recsys.ranker.records.ItemVectors,
 * CfModel.CfFoldIn, long)}). The model is kept in broadcast state, so it survives restarts.
 *
 * <p>A profile expires after the configured TTL without an interaction. The shopper's last version
 * is kept apart, without TTL (a few bytes per shopper), so a profile started afresh after expiry
 * continues the version sequence and readers that keep the highest version never ignore it. {@code freshnessMs} is a
 * histogram of processing time at output minus the event's {@code ts}: for live traffic, how long
 * an event took from the storefront to the shopper's new vector.
 */
public final class UpdateProfile
        extends KeyedBroadcastProcessFunction<String, EnrichedInteraction, CfModel, UserVectors> {
    private static final long serialVersionUID = 1L;

    /** The type of the profile state: one block of bytes per profile in checkpoints. */
    public static final TypeInformation<UserProfile> PROFILE_TYPE = BlockTypeInfo.USER_PROFILE;

    /** The broadcast state holding the current CF model under {@link #CURRENT_MODEL}. */
    public static final MapStateDescriptor<String, CfModel> CF_MODEL =
            new MapStateDescriptor<>("cf-model", Types.STRING, TypeInformation.of(CfModel.class));

    private static final String CURRENT_MODEL = "current";

    /** Samples kept by the freshness histogram (a sliding window over the latest updates). */
    static final int FRESHNESS_SAMPLES = 1024;

    private final Duration halfLife;
    private final Duration ttl;

    private transient ProfileUpdater updater;
    private transient ValueState<UserProfile> profile;
    private transient ValueState<Long> lastVersion;
    private transient Histogram freshness;
    /** The solver of the broadcast model, rebuilt when the model changes (or after a restore). */
    private transient CfModel solverModel;

    private transient CfModel.CfFoldIn solver;

    /**
     * @param halfLife after this much event time an interaction counts half as much
     * @param ttl a profile without an interaction for this long (processing time) expires; the
     *     shopper then starts afresh, with the next version number
     */
    public UpdateProfile(Duration halfLife, Duration ttl) {
        // Fail at job construction, not on the cluster.
        ProfileConfig.defaults().withHalfLife(halfLife);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.halfLife = halfLife;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        updater = new ProfileUpdater(ProfileConfig.defaults().withHalfLife(halfLife));
        ValueStateDescriptor<UserProfile> descriptor = new ValueStateDescriptor<>("profile", PROFILE_TYPE);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                // One entry checked per access (Flink's default is five): inactive shoppers are
                // still swept steadily, at a fraction of the cost per event.
                .cleanupIncrementally(1, false)
                .build());
        profile = getRuntimeContext().getState(descriptor);
        lastVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("last-version", Types.LONG));
        freshness = getRuntimeContext()
                .getMetricGroup()
                .histogram("freshnessMs", new DescriptiveStatisticsHistogram(FRESHNESS_SAMPLES));
    }

    /** The {@code freshnessMs} histogram, once opened. */
    Histogram freshness() {
        return freshness;
    }

    @Override
    public void processElement(EnrichedInteraction interaction, ReadOnlyContext ctx, Collector<UserVectors> out)
            throws Exception {
        UserProfile previous = profile.value();
        long now = ctx.currentProcessingTime();
        // The state's own object, changed in place rather than copied (see applyInPlace).
        UserProfile next = updater.applyInPlace(
                previous,
                interaction.event(),
                interaction.item(),
                foldIn(ctx.getBroadcastState(CF_MODEL).get(CURRENT_MODEL)),
                now);
        if (previous == null) {
            // A new or expired profile continues the shopper's version sequence.
            Long floor = lastVersion.value();
            if (floor != null) {
                next = next.withVersion(floor + 1);
            }
        }
        profile.update(next);
        lastVersion.update(next.version());
        out.collect(ProfileUpdater.toUserVectors(next));
        // This operator is chained to the sink: now is when the record is handed to the producer.
        freshness.update(Math.max(0, next.updatedAt() - interaction.event().ts()));
    }

    /** A newer model replaces the current one; an older generation (a replay) is ignored. */
    @Override
    public void processBroadcastElement(CfModel model, Context ctx, Collector<UserVectors> out) throws Exception {
        BroadcastState<String, CfModel> state = ctx.getBroadcastState(CF_MODEL);
        CfModel current = state.get(CURRENT_MODEL);
        if (current == null || model.generation() >= current.generation()) {
            state.put(CURRENT_MODEL, model);
        }
    }

    private CfModel.CfFoldIn foldIn(CfModel model) {
        if (model == null) {
            return null;
        }
        if (model != solverModel) {
            solver = model.foldIn();
            solverModel = model;
        }
        return solver;
    }
}
