package dev.recsys.ingest.state;

import dev.recsys.ranker.profile.CfHistory;
import dev.recsys.ranker.profile.UserProfile;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;

/**
 * Writes a shopper's profile as one block: its length, then every field little-endian into a
 * single array, so a checkpoint costs one write per shopper. Flink's POJO serialiser wrote each
 * float, long and character on its own (~450 calls for a 256-d profile), and a checkpoint of every
 * shopper at once was a burst of CPU that the job, sharing two cores with the broker and the
 * service, took tens of seconds to recover from.
 *
 * <p>State written by the POJO serialiser is still read: {@link Snapshot} asks Flink to migrate it.
 */
public final class UserProfileSerializer extends BlockSerializer<UserProfile> {
    private static final long serialVersionUID = 1L;

    /** The layout of the block; bump it and keep reading the old one when a field is added. */
    private static final int FORMAT = 1;

    @Override
    public UserProfile copy(UserProfile from) {
        return from == null ? null : from.deepCopy();
    }

    @Override
    int sizeHint(UserProfile profile) {
        int dimensions = profile.contentSum().length + (profile.cf() == null ? 0 : profile.cf().length);
        return 128 + 4 * dimensions + 40 * profile.recentItems().length;
    }

    @Override
    void write(UserProfile profile, StateBytes out) {
        out.writeByte(FORMAT);
        out.writeString(profile.userId());
        out.writeLong(profile.version());
        out.writeLong(profile.lastEventTs());
        out.writeLong(profile.updatedAt());
        out.writeFloats(profile.contentSum());
        out.writeFloats(profile.cf());
        out.writeStrings(profile.recentItems());
        out.writeBytes(profile.recentTypes());
        out.writeLongs(profile.recentTs());
        out.writeFloats(profile.recentValues());
        out.writeLongs(profile.counts());
        CfHistory history = profile.cfHistory();
        out.writeByte(history == null ? 0 : 1);
        if (history != null) {
            out.writeLong(history.generation());
            out.writeStrings(history.items());
            out.writeFloats(history.weights());
            out.writeFloats(history.factors());
            out.writeFloats(history.gram());
        }
    }

    @Override
    UserProfile read(StateBytes in) throws IOException {
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown profile state format " + format + " (this version reads " + FORMAT + ")");
        }
        String userId = in.readString();
        long version = in.readLong();
        long lastEventTs = in.readLong();
        long updatedAt = in.readLong();
        float[] contentSum = in.readFloats();
        float[] cf = in.readFloats();
        String[] recentItems = in.readStrings();
        byte[] recentTypes = in.readBytes();
        long[] recentTs = in.readLongs();
        float[] recentValues = in.readFloats();
        long[] counts = in.readLongs();
        CfHistory history = null;
        if (in.readByte() == 1) {
            history = new CfHistory(in.readLong(), in.readStrings(), in.readFloats(), in.readFloats(), in.readFloats());
        }
        return new UserProfile(
                userId,
                version,
                lastEventTs,
                updatedAt,
                contentSum,
                cf,
                recentItems,
                recentTypes,
                recentTs,
                recentValues,
                counts,
                history);
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a checkpoint records about this serialiser; reads state of the earlier POJO form too. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserProfile> {
        public Snapshot() {
            super(UserProfileSerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<UserProfile> resolveSchemaCompatibility(
                TypeSerializerSnapshot<UserProfile> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
                // Profiles checkpointed field by field: read with the old serialiser, written anew.
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSerializerSnapshot);
        }
    }
}
