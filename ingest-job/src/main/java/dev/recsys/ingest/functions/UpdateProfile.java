package dev.recsys.ingest.functions;

import dev.recsys.ingest.records.EnrichedInteraction;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.profile.UserProfile;
import dev.recsys.ranker.records.UserVectors;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies each interaction to its shopper's profile, keyed by userId, with the ranker's {@link
 * ProfileUpdater} (the same rule offline evaluation uses), and emits the shopper's new vectors.
 * The profile is a flat record of arrays, which Flink serialises as a POJO.
 */
public final class UpdateProfile extends KeyedProcessFunction<String, EnrichedInteraction, UserVectors> {
    private static final long serialVersionUID = 1L;

    /** The type of the profile state; a {@code PojoTypeInfo}, so no Kryo is involved. */
    public static final TypeInformation<UserProfile> PROFILE_TYPE = TypeInformation.of(UserProfile.class);

    private final Duration halfLife;

    private transient ProfileUpdater updater;
    private transient ValueState<UserProfile> profile;

    /** @param halfLife after this much event time an interaction counts half as much */
    public UpdateProfile(Duration halfLife) {
        // Fail at job construction, not on the cluster.
        ProfileConfig.defaults().withHalfLife(halfLife);
        this.halfLife = halfLife;
    }

    @Override
    public void open(OpenContext context) {
        updater = new ProfileUpdater(ProfileConfig.defaults().withHalfLife(halfLife));
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", PROFILE_TYPE));
    }

    @Override
    public void processElement(EnrichedInteraction interaction, Context ctx, Collector<UserVectors> out)
            throws Exception {
        UserProfile next = updater.apply(
                profile.value(),
                interaction.event(),
                interaction.item().content(),
                ctx.timerService().currentProcessingTime());
        profile.update(next);
        out.collect(ProfileUpdater.toUserVectors(next));
    }
}
