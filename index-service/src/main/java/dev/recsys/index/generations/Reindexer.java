package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds catalog generations in the background and swaps them in with no downtime; one job at a time.
 * This class owns the jobs (starting, one at a time, looking them up, stopping) and rollback; the steps of
 * a job are classes of their own.
 *
 * <p>A job reads its {@link CatalogSource} twice ({@link ReindexPasses}): <b>fitting</b> learns the
 * hashed embedder's idf, or <b>embedding</b> runs a Transformer over the item texts its embedding cache
 * lacks (either counts rejected records: above {@code maxErrorRatio} of all records the job fails),
 * <b>indexing</b> streams the items into a new generation directory (a repeated itemId replaces the
 * earlier one). <b>Validating</b> ({@link GenerationGate}) is the gate before anything changes: the
 * document count, the vector dimension, and {@value #SAMPLE_QUERIES} seeded sample items that text and
 * nearest-neighbour search must find. Then the generation gets its READY marker.
 *
 * <p><b>Catching up</b> and <b>swapping</b> ({@link GenerationSwap}) make updates made during a rebuild
 * safe: the topic records since the job started are replayed into the new generation, the last few under
 * a short pause of the follower, and CURRENT is pointed at it. <b>Publishing</b> sends every item's
 * vectors, with the new generation number, to {@code item-vectors}.
 *
 * <p>A job may attach trained {@link CfFactors}: each item with a factor gets it as its CF vector and the
 * model (YᵀY, λ, α) is saved with the generation under the generation's own number, so that item factors
 * and model are always published with the same generation. A job without factors carries over those of
 * the live generation ({@link LiveFactors}), so a catalog rebuild does not switch CF off until the next
 * training. The item-to-item neighbour lists that came with the factors travel with them: saved in the
 * generation directory ({@link dev.recsys.index.neighbours.NeighbourFile}), carried over alike.
 *
 * <p>A failed job deletes its directory and leaves the live generation as it was. {@link #rollback}
 * swaps back to PREVIOUS the same way (catching it up from the offsets stored in its commit).
 */
public final class Reindexer implements AutoCloseable {
    public static final double DEFAULT_MAX_ERROR_RATIO = 0.01;
    public static final int SAMPLE_QUERIES = 20;

    public static final long SAMPLE_SEED = 42;
    /** Jobs kept for {@link #job} lookups after they finished. */
    public static final int KEPT_JOBS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    private static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(30);

    /** Publishes a generation's item vectors; reports records sent so far. */
    @FunctionalInterface
    public interface VectorPublisher {
        long publish(CatalogIndex index, LongConsumer progress) throws Exception;
    }

    /** A second reindex or a rollback while one runs (HTTP 409), or a rollback with nothing to return to. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConflictException(String message) {
            super(message);
        }
    }

    /** The outcome of a rollback: the generations now live and previous, and the topic records caught up. */
    public record RollbackResult(long live, long previous, long caughtUp) {}

    private final GenerationStore store;
    private final LiveCatalog live;
    private final EmbedderSpec embedder;
    private final CatalogTopicFollower follower;
    private final Map<String, ReindexJob> jobs = new LinkedHashMap<>();
    private final AtomicLong jobCounter = new AtomicLong();
    private final GenerationSwap swap;

    private volatile ReindexJob running;
    private volatile Thread rollbackPublisher;
    private volatile boolean closed;

    /**
     * @param embedder the embedder of new generations unless a job names another
     * @param follower the catalog-topic follower to catch up with, or {@code null} without Kafka
     * @param publisher where item vectors go after a swap, or {@code null} for nowhere
     */
    public Reindexer(
            GenerationStore store,
            LiveCatalog live,
            EmbedderSpec embedder,
            CatalogTopicFollower follower,
            VectorPublisher publisher) {
        this.store = Objects.requireNonNull(store, "store");
        this.live = Objects.requireNonNull(live, "live");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.follower = follower;
        this.swap = new GenerationSwap(store, live, follower, publisher);
    }

    /**
     * Starts a job on a background thread.
     *
     * @throws ConflictException if a job or a rollback is still running
     * @throws IllegalArgumentException if {@code maxErrorRatio} is not in [0, 1]
     */
    public synchronized ReindexJob start(CatalogSource source, double maxErrorRatio) {
        return start(source, maxErrorRatio, 0);
    }

    /**
     * Starts a job whose indexing pass adds at most {@code maxItemsPerSecond} items a second (0: no
     * limit), leaving cores to the queries on a small machine.
     *
     * @throws ConflictException if a job or a rollback is still running
     * @throws IllegalArgumentException if {@code maxErrorRatio} is not in [0, 1] or the rate is negative
     */
    public synchronized ReindexJob start(CatalogSource source, double maxErrorRatio, double maxItemsPerSecond) {
        return start(source, maxErrorRatio, maxItemsPerSecond, null);
    }

    /**
     * {@link #start(CatalogSource, double, double)} attaching trained CF factors to the new generation;
     * {@code null} carries over the live generation's factors, if it has any.
     *
     * @throws ConflictException if a job or a rollback is still running
     * @throws IllegalArgumentException if {@code maxErrorRatio} is not in [0, 1] or the rate is negative
     */
    public synchronized ReindexJob start(
            CatalogSource source, double maxErrorRatio, double maxItemsPerSecond, CfFactors cf) {
        return start(source, maxErrorRatio, maxItemsPerSecond, cf, null);
    }

    /**
     * {@link #start(CatalogSource, double, double, CfFactors)} building the generation with {@code spec}'s
     * embedder; {@code null} for the reindexer's default.
     *
     * @throws ConflictException if a job or a rollback is still running
     * @throws IllegalArgumentException if {@code maxErrorRatio} is not in [0, 1] or the rate is negative
     */
    public synchronized ReindexJob start(
            CatalogSource source, double maxErrorRatio, double maxItemsPerSecond, CfFactors cf, EmbedderSpec spec) {
        return start(source, maxErrorRatio, maxItemsPerSecond, cf, null, spec);
    }

    /**
     * {@link #start(CatalogSource, double, double, CfFactors, EmbedderSpec)} attaching a trained sequence model
     * too; {@code null} carries over the live generation's, if it has one.
     *
     * @throws ConflictException if a job or a rollback is still running
     * @throws IllegalArgumentException if {@code maxErrorRatio} is not in [0, 1] or the rate is negative
     */
    public synchronized ReindexJob start(
            CatalogSource source,
            double maxErrorRatio,
            double maxItemsPerSecond,
            CfFactors cf,
            SequenceModelFile sequence,
            EmbedderSpec spec) {
        EmbedderSpec chosen = spec == null ? embedder : spec;
        ReindexJob job = newJob(source, maxErrorRatio, maxItemsPerSecond);
        TrainedModels given = new TrainedModels(cf, sequence == null ? null : AttachedSequenceModel.of(sequence));
        Thread.ofPlatform().name("reindex-" + job.id()).daemon(true).start(() -> run(job, source, given, chosen, true));
        return job;
    }

    /** A source over the live generation's items, to rebuild the catalog as it is served now. */
    public CatalogSource liveSource() {
        return new LiveCatalogSource(live);
    }

    /**
     * Runs a job on the calling thread (the first build at start-up) and returns when it has finished. It
     * does not publish item vectors: the caller does, with its own retry policy.
     */
    public ReindexJob runNow(CatalogSource source, double maxErrorRatio) {
        ReindexJob job;
        synchronized (this) {
            job = newJob(source, maxErrorRatio, 0);
        }
        run(job, source, TrainedModels.NONE, embedder, false);
        return job;
    }

    private ReindexJob newJob(CatalogSource source, double maxErrorRatio, double maxItemsPerSecond) {
        Objects.requireNonNull(source, "source");
        if (!(maxErrorRatio >= 0 && maxErrorRatio <= 1)) {
            throw new IllegalArgumentException("maxErrorRatio must be between 0 and 1, got " + maxErrorRatio);
        }
        if (!(maxItemsPerSecond >= 0) || Double.isInfinite(maxItemsPerSecond)) {
            throw new IllegalArgumentException("maxItemsPerSecond must be a number >= 0, got " + maxItemsPerSecond);
        }
        if (closed) {
            throw new IllegalStateException("the reindexer is closed");
        }
        checkIdle();
        String id =
                String.format(Locale.ROOT, "reindex-%d-%d", System.currentTimeMillis(), jobCounter.incrementAndGet());
        ReindexJob job =
                new ReindexJob(id, source.description(), source.estimatedSize(), maxErrorRatio, maxItemsPerSecond);
        jobs.put(id, job);
        while (jobs.size() > KEPT_JOBS) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        running = job;
        return job;
    }

    private void checkIdle() {
        ReindexJob current = running;
        if (current != null && !current.finished()) {
            throw new ConflictException("reindex " + current.id() + " is running ("
                    + current.phase().label() + ")");
        }
        Thread publishing = rollbackPublisher;
        if (publishing != null && publishing.isAlive()) {
            throw new ConflictException("the item vectors of the rolled-back generation are still being published");
        }
    }

    public synchronized Optional<ReindexJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The job running now, if any. */
    public Optional<ReindexJob> running() {
        ReindexJob current = running;
        return current == null || current.finished() ? Optional.empty() : Optional.of(current);
    }

    /** The last job started, running or finished. */
    public Optional<ReindexJob> last() {
        return Optional.ofNullable(running);
    }

    public GenerationStore store() {
        return store;
    }

    // ---- the job -----------------------------------------------------------------------------

    private void run(
            ReindexJob job, CatalogSource source, TrainedModels given, EmbedderSpec spec, boolean publishVectors) {
        long began = System.nanoTime();
        long generation = -1;
        boolean swapped = false;
        String failure = null;
        Throwable cause = null;
        try (ReindexPasses build = new ReindexPasses(store, job, source, this::checkNotClosed)) {
            try {
                generation = store.allocate();
                job.generation(generation);
                Map<Integer, Long> startOffsets = follower == null ? Map.of() : follower.position();
                LOG.info("reindex {}: building generation {} from {}", job.id(), generation, source.description());
                TextEmbedder embedder = build.prepare(spec, HashedNgramEmbedder.DEFAULT_DIMENSION);
                TrainedModels models =
                        new TrainedModels(attachedFactors(job, given.cf()), attachedSequence(job, given.sequence()));
                CatalogIndex index = build.build(generation, embedder, models, startOffsets);

                // Catch up with the catalog topic, swap under a short pause of the follower.
                job.phase(ReindexJob.Phase.CATCHING_UP);
                swap.swapIn(index, startOffsets, job.caughtUp, job);
                build.handOver();
                swapped = true;
                logLive(job, index, began);
                store.cleanUp(generation);
                if (publishVectors) {
                    job.phase(ReindexJob.Phase.PUBLISHING);
                    swap.publish(generation, job.published);
                }
                job.phase(ReindexJob.Phase.SUCCEEDED);
            } catch (JobFailure e) {
                failure = e.getMessage();
            } catch (Exception | Error e) {
                // The stack trace goes to the log; the job shows the exception's words and an excerpt of its text.
                failure = Excerpt.reason(e.toString());
                cause = e;
            }
        }
        if (!swapped) {
            deleteFailed(generation);
        }
        // Reported only now: whoever sees the job failed also sees its directory gone.
        if (failure != null) {
            fail(job, failure, cause);
        }
    }

    /** The factors the new generation gets: the given ones, else the live generation's (or none). */
    private CfFactors attachedFactors(ReindexJob job, CfFactors given) throws IOException {
        CfFactors cf = given != null ? given : LiveFactors.of(live, store);
        if (cf != null) {
            job.cf(
                    given != null
                            ? cf.describe()
                            : cf.describe() + ", carried over from generation " + live.generation());
        }
        return cf;
    }

    /** The sequence model the new generation gets: the given one, else the live generation's (or none). */
    private AttachedSequenceModel attachedSequence(ReindexJob job, AttachedSequenceModel given) throws IOException {
        AttachedSequenceModel sequence = given;
        if (sequence == null) {
            long liveGeneration = live.generation();
            if (liveGeneration < 0) {
                return null;
            }
            sequence = store.sequenceModel(liveGeneration)
                    .map(AttachedSequenceModel::of)
                    .orElse(null);
            if (sequence == null) {
                return null;
            }
            job.sequence(sequence.file().describe() + ", carried over from generation " + liveGeneration);
            return sequence;
        }
        job.sequence(sequence.file().describe());
        return sequence;
    }

    private static void logLive(ReindexJob job, CatalogIndex index, long began) {
        LOG.info(
                "reindex {}: generation {} live with {} items ({} rejected, {} duplicates, {} caught up) after {} s",
                job.id(),
                index.generation(),
                index.size(),
                job.rejected(),
                job.duplicates(),
                job.caughtUp(),
                (System.nanoTime() - began) / 1_000_000_000L);
    }

    private void deleteFailed(long generation) {
        if (generation > 0) {
            try {
                store.delete(generation);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not delete failed generation {}: {}", generation, e.toString());
            }
        }
    }

    private void fail(ReindexJob job, String reason, Throwable cause) {
        if (job.phase() == ReindexJob.Phase.PUBLISHING) {
            // The swap happened; only the vectors did not all go out. The next start or reindex sends them.
            LOG.warn("reindex {}: publishing item vectors failed: {}", job.id(), reason);
            job.fail("live, but publishing item vectors failed: " + reason);
            return;
        }
        if (cause != null) {
            LOG.error("reindex {} failed", job.id(), cause);
        } else {
            LOG.warn("reindex {} failed: {}", job.id(), reason);
        }
        job.fail(reason);
    }

    // ---- rollback ----------------------------------------------------------------------------

    /**
     * Makes PREVIOUS live again (and the live generation PREVIOUS), caught up with the catalog topic from
     * the offsets stored in its commit; its item vectors are then published in the background.
     *
     * @throws ConflictException while a reindex runs, or when there is no previous generation
     */
    public synchronized RollbackResult rollback() throws IOException, InterruptedException {
        checkIdle();
        OptionalLong previous = store.previous();
        long current = live.generation();
        if (previous.isEmpty() || !store.isReady(previous.getAsLong()) || previous.getAsLong() == current) {
            throw new ConflictException("there is no previous generation to roll back to");
        }
        long target = previous.getAsLong();
        if (!live.awaitRetiredClosed(target, RETIRE_TIMEOUT)) {
            throw new ConflictException("generation " + target + " is still in use by queries; try again");
        }
        CatalogIndex index = store.open(target);
        AtomicLong caughtUp = new AtomicLong();
        try {
            Map<Integer, Long> from = TopicOffsets.decode(index.commitData().get(TopicOffsets.COMMIT_KEY));
            swap.swapIn(index, from, caughtUp, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(index);
            throw e;
        }
        LOG.info("rolled back to generation {} (from {}; {} topic records caught up)", target, current, caughtUp.get());
        AtomicLong published = new AtomicLong();
        rollbackPublisher = Thread.ofPlatform()
                .name("rollback-publisher-" + target)
                .daemon(true)
                .start(() -> {
                    try {
                        swap.publish(target, published);
                    } catch (Exception e) {
                        LOG.warn("publishing the item vectors of generation {} failed: {}", target, e.toString());
                    }
                });
        return new RollbackResult(target, current, caughtUp.get());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void checkNotClosed() {
        if (closed) {
            throw new JobFailure("the service is stopping");
        }
    }

    /** Stops running jobs at their next record (they fail and delete their directory). */
    @Override
    public void close() {
        closed = true;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("error while closing: {}", e.toString());
            }
        }
    }
}
