package dev.recsys.ingest.state;

import dev.recsys.ranker.profile.UserProfile;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of the profile state, serialised with {@link UserProfileSerializer}. */
public final class UserProfileTypeInfo extends TypeInformation<UserProfile> {
    private static final long serialVersionUID = 1L;

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
    public Class<UserProfile> getTypeClass() {
        return UserProfile.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<UserProfile> createSerializer(SerializerConfig config) {
        return new UserProfileSerializer();
    }

    @Override
    public String toString() {
        return "UserProfile (one block per profile)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserProfileTypeInfo;
    }

    @Override
    public int hashCode() {
        return UserProfileTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof UserProfileTypeInfo;
    }
}
