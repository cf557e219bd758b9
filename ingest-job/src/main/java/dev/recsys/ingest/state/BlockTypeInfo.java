package dev.recsys.ingest.state;

import dev.recsys.ranker.profile.UserProfile;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of a keyed-state value written by one of this package's block serialisers. */
public final class BlockTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    /** A shopper's profile ({@link UserProfileSerializer}). */
    public static final BlockTypeInfo<UserProfile> USER_PROFILE =
            new BlockTypeInfo<>(UserProfile.class, new UserProfileSerializer());

    /** An item's recently seen event ids ({@link SeenEventIdsSerializer}). */
    public static final BlockTypeInfo<SeenEventIds> SEEN_EVENT_IDS =
            new BlockTypeInfo<>(SeenEventIds.class, new SeenEventIdsSerializer());

    private final Class<T> type;
    private final BlockSerializer<T> serializer;

    private BlockTypeInfo(Class<T> type, BlockSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (one block per value)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockTypeInfo<?> info && info.type == type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(BlockTypeInfo.class, type);
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof BlockTypeInfo;
    }
}
