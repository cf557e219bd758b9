package dev.recsys.ingest;

import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.json.ItemVectorsJson;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.ItemVectors;
import dev.recsys.ranker.vector.VectorMath;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Records for the ingest job's tests; all randomness is seeded by the caller. */
public final class Fixtures {
    public static final int DIMENSION = 8;
    /** A fixed "now" so future-timestamp checks are replayable: 2025-01-01T00:00:00Z. */
    public static final long NOW = 1_735_689_600_000L;

    private Fixtures() {}

    /** A random unit vector of {@link #DIMENSION} components. */
    public static float[] unitVector(Random random) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return VectorMath.normalized(vector);
    }

    public static ItemVectors item(String itemId, float[] content) {
        return new ItemVectors(itemId, 1, content, null);
    }

    public static InteractionEvent event(String eventId, String userId, String itemId, EventType type, long ts) {
        return InteractionEvent.of(eventId, userId, itemId, type, ts);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] json(InteractionEvent event) {
        return bytes(InteractionEventJson.write(event));
    }

    public static byte[] json(ItemVectors item) {
        return bytes(ItemVectorsJson.write(item));
    }
}
