package dev.recsys.ranker.json;

import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * One {@code user-vectors} record written (once as a one-off, once the way the stream job writes
 * one per event, with a reused writer) and read (what every reader of the topic does per record): a shopper with a content vector of {@code
 * dimension} floats in base64, no CF factor, and a full recent list of 20 entries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UserVectorsJsonBenchmark {
    @Param({"64", "256"})
    int dimension;

    private UserVectors user;
    private byte[] record;
    private final UserVectorsJson.Writer writer = new UserVectorsJson.Writer(VectorEncoding.BASE64);

    @Setup
    public void setUp() {
        Random random = new Random(42);
        float[] content = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            content[i] = (float) random.nextGaussian();
        }
        List<RecentInteraction> recent = new ArrayList<>();
        long ts = 1_763_900_000_000L;
        for (int i = 0; i < 20; i++) {
            EventType type = EventType.values()[random.nextInt(4)];
            recent.add(new RecentInteraction("lg-i" + random.nextInt(5_000), type, ts - 1_000L * i));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("view", 14L);
        counts.put("click", 4L);
        counts.put("add_to_cart", 2L);
        user = new UserVectors("lg-u12345", 20, ts + 15, ts, content, null, recent, counts);
        record = UserVectorsJson.writeBytes(user, VectorEncoding.BASE64);
    }

    @Benchmark
    public byte[] write() {
        return UserVectorsJson.writeBytes(user, VectorEncoding.BASE64);
    }

    /** As the stream job writes: one writer, its buffers reused from record to record. */
    @Benchmark
    public byte[] writeReused() {
        return writer.write(user);
    }

    @Benchmark
    public UserVectors read() {
        return UserVectorsJson.parse(record);
    }
}
