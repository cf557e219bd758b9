package dev.recsys.ingest.state;

import dev.recsys.ranker.profile.UserProfile;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One shopper's profile state the way a heap checkpoint handles it: {@code serialize} is what the
 * snapshot thread does per shopper, {@code deserialize} what a restore does, and {@code copy} what
 * the job pays for a shopper it updates while a snapshot still needs the old profile. A profile
 * with a {@code dimension}-float content sum, no CF factor and a full recent list of 20 items.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileStateBenchmark {
    @Param({"64", "256"})
    int dimension;

    private final TypeSerializer<UserProfile> serializer =
            BlockTypeInfo.USER_PROFILE.createSerializer(new SerializerConfigImpl());
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private UserProfile profile;
    private byte[] written;

    @Setup
    public void setUp() throws IOException {
        Random random = new Random(42);
        float[] content = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            content[i] = (float) random.nextGaussian();
        }
        String[] items = new String[20];
        byte[] types = new byte[20];
        long[] times = new long[20];
        for (int i = 0; i < 20; i++) {
            items[i] = "lg-i" + random.nextInt(5_000);
            types[i] = (byte) random.nextInt(4);
            times[i] = 1_763_900_000_000L - 1_000L * i;
        }
        profile = new UserProfile(
                "lg-u12345",
                20,
                times[0],
                times[0] + 15,
                content,
                null,
                items,
                types,
                times,
                null,
                new long[] {14, 4, 2, 0, 0, 0},
                null);
        serializer.serialize(profile, out);
        written = out.getCopyOfBuffer();
    }

    @Benchmark
    public int serialize() throws IOException {
        out.clear();
        serializer.serialize(profile, out);
        return out.length();
    }

    @Benchmark
    public UserProfile deserialize() throws IOException {
        return serializer.deserialize(new DataInputDeserializer(written));
    }

    @Benchmark
    public UserProfile copy() {
        return serializer.copy(profile);
    }
}
