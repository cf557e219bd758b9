package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a generation live, for a reindex and a rollback alike: catching it up with the catalog topic,
 * swapping it in, then publishing its item vectors. The job noted the follower's position when it
 * started; the topic is replayed from there up to the follower's current position into the new
 * generation, the follower is paused, the last few records are replayed, CURRENT is pointed at the
 * generation and the {@link LiveCatalog} publishes it, then the follower resumes. An upsert or delete
 * made during the build is therefore in the new generation (neither lost nor resurrected), and the
 * follower continues from the same position on it.
 */
final class GenerationSwap {
    private final GenerationStore store;
    private final LiveCatalog live;
    private final CatalogTopicFollower follower;
    private final Reindexer.VectorPublisher publisher;
    private final Object swapLock = new Object();

    /**
     * @param follower the catalog-topic follower to catch up with, or {@code null} without Kafka
     * @param publisher where item vectors go after a swap, or {@code null} for nowhere
     */
    GenerationSwap(
            GenerationStore store,
            LiveCatalog live,
            CatalogTopicFollower follower,
            Reindexer.VectorPublisher publisher) {
        this.store = store;
        this.live = live;
        this.follower = follower;
        this.publisher = publisher;
    }

    /**
     * Brings {@code index} up to the follower's position from the offsets {@code from} and makes it live:
     * CURRENT points at it and the generation it replaces becomes PREVIOUS.
     *
     * @param job the reindex job to move to {@link ReindexJob.Phase#SWAPPING}, or {@code null} (a rollback)
     */
    void swapIn(CatalogIndex index, Map<Integer, Long> from, AtomicLong caughtUp, ReindexJob job)
            throws IOException, InterruptedException {
        synchronized (swapLock) {
            Map<Integer, Long> reached = from;
            if (follower != null) {
                Map<Integer, Long> target = follower.position();
                caughtUp.addAndGet(follower.replay(index, reached, target));
                reached = target;
                follower.pause();
            }
            try {
                if (follower != null) {
                    caughtUp.addAndGet(follower.replay(index, reached, follower.position()));
                }
                index.commit();
                if (job != null) {
                    job.phase(ReindexJob.Phase.SWAPPING);
                }
                long oldLive = live.generation();
                store.point(index.generation(), oldLive > 0 ? OptionalLong.of(oldLive) : OptionalLong.empty());
                live.publish(index);
            } finally {
                if (follower != null) {
                    follower.resume();
                }
            }
        }
    }

    /** Publishes the item vectors of {@code generation} while it is live; reports the records sent. */
    void publish(long generation, AtomicLong progress) throws Exception {
        if (publisher == null) {
            return;
        }
        try (CatalogLease lease = live.acquire()) {
            if (lease.generation() != generation) {
                return; // superseded meanwhile; the newer generation publishes its own
            }
            publisher.publish(lease.index(), progress::set);
        }
    }
}
