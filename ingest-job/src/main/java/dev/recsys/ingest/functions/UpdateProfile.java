package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ingest.records.ProfileInput;
import dev.recsys.ingest.records.UserVectorsUpdate;
import dev.recsys.ingest.state.BlockTypeInfo;
import dev.recsys.ingest.state.UserProfileSerializer;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.profile.UserProfile;
import dev.recsys.ranker.records.Erasure;
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
import org.apache.flink.metrics.Counter;
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
 *
 * <p>An {@link Erasure} of the shopper clears their profile and their version floor, emits a
 * tombstone for {@code user-vectors} and remembers the erasure time. From then on the shopper's
 * events at or before it are dropped and counted ({@code eventsErased}), whenever they arrive
 * (replays, events that waited in the join for their item); later ones build a new profile whose
 * versions count from 1 again and whose records carry {@code erasedUpTo}, so readers rank them above
 * everything from before the erasure. An erasure no later than the one remembered (a replay) changes
 * nothing. Events that reach this operator before the erasure record are erased with it, even those
 * after its time: the erasure wins.
 */
public final class UpdateProfile
        extends KeyedBroadcastProcessFunction<String, ProfileInput, CfModel, UserVectorsUpdate> {
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
    /**
     * The time of the shopper's latest erasure. Without TTL, unlike the profile: it must outlive any
     * copy of the shopper's older events, and a replay of the interactions topic (kept 30 days), a
     * storefront re-sending or an event parked in the join may bring one back at any time. It costs a
     * few bytes per erased shopper.
     */
    private transient ValueState<Long> erasedUpTo;

    private transient Histogram freshness;
    private transient Counter erasures;
    private transient Counter eventsErased;
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
        erasedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("erased-up-to", Types.LONG));
        freshness = getRuntimeContext()
                .getMetricGroup()
                .histogram("freshnessMs", new DescriptiveStatisticsHistogram(FRESHNESS_SAMPLES));
        erasures = getRuntimeContext().getMetricGroup().counter("erasuresApplied");
        eventsErased = getRuntimeContext().getMetricGroup().counter("eventsErased");
    }

    /** The {@code freshnessMs} histogram, once opened. */
    Histogram freshness() {
        return freshness;
    }

    /** The {@code eventsErased} counter, once opened. */
    Counter eventsErased() {
        return eventsErased;
    }

    @Override
    public void processElement(ProfileInput input, ReadOnlyContext ctx, Collector<UserVectorsUpdate> out)
            throws Exception {
        if (input.erasure() != null) {
            erase(input.erasure(), out);
        } else {
            apply(input.interaction(), ctx, out);
        }
    }

    private void apply(EnrichedInteraction interaction, ReadOnlyContext ctx, Collector<UserVectorsUpdate> out)
            throws Exception {
        Long erased = erasedUpTo.value();
        if (erased != null && interaction.event().ts() <= erased) { // what Erasure.covers
            eventsErased.inc();
            return;
        }
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
        UserVectors vectors = ProfileUpdater.toUserVectors(next);
        out.collect(UserVectorsUpdate.of(erased == null ? vectors : vectors.withErasedUpTo(erased)));
        // This operator is chained to the sink: now is when the record is handed to the producer.
        freshness.update(Math.max(0, next.updatedAt() - interaction.event().ts()));
    }

    /**
     * Forgets the shopper's profile and versions up to the erasure, unless a later erasure already
     * did: then everything this one covers is gone already.
     */
    private void erase(Erasure erasure, Collector<UserVectorsUpdate> out) throws Exception {
        Long erased = erasedUpTo.value();
        if (erased != null && erasure.erasedAt() <= erased) {
            return;
        }
        profile.clear();
        lastVersion.clear();
        erasedUpTo.update(erasure.erasedAt());
        erasures.inc();
        out.collect(UserVectorsUpdate.tombstone(erasure.userId()));
    }

    /** A newer model replaces the current one; an older generation (a replay) is ignored. */
    @Override
    public void processBroadcastElement(CfModel model, Context ctx, Collector<UserVectorsUpdate> out) throws Exception {
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
