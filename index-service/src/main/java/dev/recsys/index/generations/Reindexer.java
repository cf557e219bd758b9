package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.Hit;
import dev.recsys.index.catalog.ItemFilter;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.vector.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds catalog generations in the background and swaps them in with no downtime; one job at a time.
 *
 * <p>A job reads its {@link CatalogSource} twice: <b>fitting</b> learns the embedder's idf (and counts
 * rejected records: above {@code maxErrorRatio} of all records the job fails), <b>indexing</b> streams
 * the items into a new generation directory (a repeated itemId replaces the earlier one). <b>Validating</b>
 * is the gate before anything changes: the document count must equal the distinct accepted itemIds, the
 * vector dimension the embedder's, and {@value #SAMPLE_QUERIES} seeded sample items must be found by a
 * text search for their title and by a nearest-neighbour search for their vector (at most one in ten
 * may be missed by either: both searches are approximate among near-identical products). Then the
 * generation gets its READY marker.
 *
 * <p><b>Catching up</b> is what makes updates made during a rebuild safe: the job noted the catalog
 * follower's position when it started; it replays the topic from there up to the follower's current
 * position into the new generation, pauses the follower, replays the last few records, and (<b>swapping</b>)
 * points CURRENT at the new generation and publishes it to the {@link LiveCatalog}, then resumes the
 * follower. An upsert or delete made during the build is therefore in the new generation (neither lost
 * nor resurrected), and the follower continues from the same position on it. <b>Publishing</b> sends every
 * item's vectors, with the new generation number, to {@code item-vectors}.
 *
 * <p>A job may attach trained {@link CfFactors}: each item with a factor gets it as its CF vector and the
 * model (YᵀY, λ, α) is saved with the generation under the generation's own number, so that item factors
 * and model are always published with the same generation. A job without factors carries over those of
 * the live generation (same factors and YᵀY, the new generation number), so a catalog rebuild does not
 * switch CF off until the next training. The item-to-item neighbour lists that came with the factors
 * travel with them: saved in the generation directory ({@link NeighbourFile}), carried over alike.
 *
 * <p>A failed job deletes its directory and leaves the live generation as it was. {@link #rollback}
 * swaps back to PREVIOUS the same way (catching it up from the offsets stored in its commit).
 */
public final class Reindexer implements AutoCloseable {
    public static final double DEFAULT_MAX_ERROR_RATIO = 0.01;
    public static final int SAMPLE_QUERIES = 20;

    /** Hits looked at per sample query of the validation gate. */
    static final int VALIDATION_K = 20;

    /** Share of sample items the gate lets either search miss. */
    static final double MAX_SAMPLE_MISS_RATIO = 0.1;

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
    private final int dimension;
    private final CatalogTopicFollower follower;
    private final VectorPublisher publisher;
    private final Map<String, ReindexJob> jobs = new LinkedHashMap<>();
    private final AtomicLong jobCounter = new AtomicLong();
    private final Object swapLock = new Object();

    private volatile ReindexJob running;
    private volatile Thread rollbackPublisher;
    private volatile boolean closed;

    /**
     * @param dimension the content-vector dimension of new generations
     * @param follower the catalog-topic follower to catch up with, or {@code null} without Kafka
     * @param publisher where item vectors go after a swap, or {@code null} for nowhere
     */
    public Reindexer(
            GenerationStore store,
            LiveCatalog live,
            int dimension,
            CatalogTopicFollower follower,
            VectorPublisher publisher) {
        this.store = Objects.requireNonNull(store, "store");
        this.live = Objects.requireNonNull(live, "live");
        this.dimension = dimension;
        this.follower = follower;
        this.publisher = publisher;
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
        ReindexJob job = newJob(source, maxErrorRatio, maxItemsPerSecond);
        Thread.ofPlatform().name("reindex-" + job.id()).daemon(true).start(() -> run(job, source, cf, true));
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
        run(job, source, null, false);
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

    private void run(ReindexJob job, CatalogSource source, CfFactors given, boolean publishVectors) {
        long began = System.nanoTime();
        long generation = -1;
        CatalogIndex.Builder builder = null;
        CatalogIndex index = null;
        boolean swapped = false;
        String failure = null;
        Throwable cause = null;
        try {
            generation = store.allocate();
            job.generation(generation);
            Map<Integer, Long> startOffsets = follower == null ? Map.of() : follower.position();
            LOG.info("reindex {}: building generation {} from {}", job.id(), generation, source.description());

            // Pass 1: fit the embedder's idf, count rejected records.
            job.phase(ReindexJob.Phase.FITTING);
            HashedNgramEmbedder.Fitter fitter = HashedNgramEmbedder.fitter(dimension);
            source.read(
                    item -> {
                        checkNotClosed();
                        job.read.incrementAndGet();
                        fitter.addItem(item);
                    },
                    job::reject);
            long accepted = job.read();
            long all = accepted + job.rejected();
            if (accepted == 0) {
                throw new JobFailure("the source has no valid items (" + job.rejected() + " rejected)");
            }
            double ratio = (double) job.rejected() / all;
            if (ratio > job.maxErrorRatio()) {
                throw new JobFailure(String.format(
                        Locale.ROOT,
                        "%d of %d records rejected (%.2f%%), above maxErrorRatio %s; first: %s",
                        job.rejected(),
                        all,
                        100 * ratio,
                        job.maxErrorRatio(),
                        job.errors().isEmpty() ? "-" : job.errors().getFirst()));
            }
            HashedNgramEmbedder embedder = fitter.fit();
            CfFactors cf = given != null ? given : liveFactors();
            if (cf != null) {
                job.cf(
                        given != null
                                ? cf.describe()
                                : cf.describe() + ", carried over from generation " + live.generation());
            }

            // Pass 2: index.
            job.total(accepted);
            job.read.set(0);
            job.phase(ReindexJob.Phase.INDEXING);
            builder = CatalogIndex.builder(store.directory(generation), embedder, generation, store.settings());
            CatalogIndex.Builder writing = builder;
            ItemIdSet ids = new ItemIdSet();
            AtomicLong neighbourItems = new AtomicLong();
            Random random = new Random(SAMPLE_SEED);
            List<String> samples = new ArrayList<>();
            Throttle throttle = new Throttle(job.maxItemsPerSecond(), Throttle.SYSTEM);
            source.read(
                    item -> {
                        checkNotClosed();
                        job.read.incrementAndGet();
                        try {
                            throttle.acquire();
                            float[] factor = cf == null ? null : cf.factor(item.itemId());
                            writing.add(item, factor);
                            if (factor != null) {
                                job.cfItems.incrementAndGet();
                            }
                            if (cf != null
                                    && cf.neighbours() != null
                                    && cf.neighbours().hasList(item.itemId())) {
                                neighbourItems.incrementAndGet();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new JobFailure("interrupted while indexing");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (InvalidRecordException e) {
                            // The source promised a valid item; count it like a rejected record.
                            job.reject(LineError.of(job.read(), e));
                            return;
                        }
                        long n = job.indexed.incrementAndGet();
                        if (!ids.add(item.itemId())) {
                            job.duplicates.incrementAndGet();
                        }
                        // Reservoir sample of itemIds (Vitter's algorithm R), seeded.
                        if (samples.size() < SAMPLE_QUERIES) {
                            samples.add(item.itemId());
                        } else {
                            long r = (long) (random.nextDouble() * n);
                            if (r < SAMPLE_QUERIES) {
                                samples.set((int) r, item.itemId());
                            }
                        }
                    },
                    error -> {});
            index = builder.finish(Map.of(TopicOffsets.COMMIT_KEY, TopicOffsets.encode(startOffsets)));
            builder = null;
            store.saveEmbedder(generation, embedder);
            if (cf != null) {
                store.saveCfModel(generation, cf.model(generation));
                if (cf.neighbours() != null) {
                    store.saveNeighbours(generation, cf.neighbours());
                }
            }

            // The gate.
            job.phase(ReindexJob.Phase.VALIDATING);
            validate(index, ids.size(), embedder.dimension(), samples);
            if (cf != null) {
                validateCf(index, cf, job.cfItems(), samples);
                if (cf.neighbours() != null && neighbourItems.get() == 0) {
                    throw new JobFailure("validation: none of the "
                            + cf.neighbours().lists() + " item neighbour lists belongs to an item of the catalog");
                }
            }
            store.markReady(generation);

            // Catch up with the catalog topic, swap under a short pause of the follower.
            job.phase(ReindexJob.Phase.CATCHING_UP);
            swapIn(index, startOffsets, job.caughtUp, job);
            swapped = true;
            LOG.info(
                    "reindex {}: generation {} live with {} items ({} rejected, {} duplicates, {} caught up) after {} s",
                    job.id(),
                    generation,
                    index.size(),
                    job.rejected(),
                    job.duplicates(),
                    job.caughtUp(),
                    (System.nanoTime() - began) / 1_000_000_000L);
            store.cleanUp(generation);

            if (publishVectors) {
                job.phase(ReindexJob.Phase.PUBLISHING);
                publish(generation, job.published);
            }
            job.phase(ReindexJob.Phase.SUCCEEDED);
        } catch (JobFailure e) {
            failure = e.getMessage();
        } catch (Exception | Error e) {
            // The stack trace goes to the log; the job shows the exception's words and an excerpt of its text.
            failure = Excerpt.reason(e.toString());
            cause = e;
        } finally {
            if (!swapped) {
                closeQuietly(builder);
                closeQuietly(index);
                if (generation > 0) {
                    try {
                        store.delete(generation);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("could not delete failed generation {}: {}", generation, e.toString());
                    }
                }
            }
        }
        // Reported only now: whoever sees the job failed also sees its directory gone.
        if (failure != null) {
            fail(job, failure, cause);
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

    /**
     * Brings {@code index} up to the follower's position and makes it live: CURRENT points at it and the
     * generation it replaces becomes PREVIOUS.
     */
    private void swapIn(CatalogIndex index, Map<Integer, Long> from, AtomicLong caughtUp, ReindexJob job)
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

    private void validate(CatalogIndex index, long distinct, int expectedDimension, List<String> samples) {
        index.refresh();
        if (index.size() != distinct) {
            throw new JobFailure("validation: the index holds " + index.size() + " items, expected " + distinct);
        }
        if (index.dimension() != expectedDimension) {
            throw new JobFailure(
                    "validation: vector dimension " + index.dimension() + ", expected " + expectedDimension);
        }
        // Both searches are approximate or ranked (HNSW, BM25 among near-identical titles), so a
        // sample may legitimately miss; a broken generation misses most of them.
        int textMisses = 0;
        int vectorMisses = 0;
        String lastMiss = null;
        for (String itemId : samples) {
            CatalogItem item = index.item(itemId)
                    .orElseThrow(() ->
                            new JobFailure("validation: sample item " + Excerpt.of(itemId) + " is not in the index"));
            List<Hit> found = index.search(item.title(), VALIDATION_K, ItemFilter.NONE);
            // No hits at all means the title has no searchable terms (only stop words or punctuation).
            boolean byText = found.isEmpty()
                    || found.stream()
                            .anyMatch(h -> h.itemId().equals(itemId)
                                    || h.item().title().equals(item.title()));
            if (!byText) {
                textMisses++;
                lastMiss = "a search for the title of " + Excerpt.of(itemId) + " does not find it";
            }
            float[] vector = index.contentVector(itemId);
            if (vector == null || VectorMath.isZero(vector)) {
                continue;
            }
            List<Hit> near = index.knn(vector, VALIDATION_K, ItemFilter.NONE);
            // A hit with score ~1 is an item with the same vector (an identical text), as good as itself.
            boolean byVector = near.stream().anyMatch(h -> h.itemId().equals(itemId) || h.score() > 0.99999f);
            if (!byVector) {
                vectorMisses++;
                lastMiss = "a nearest-neighbour search for the vector of " + Excerpt.of(itemId) + " does not find it";
            }
        }
        int allowed = (int) Math.floor(samples.size() * MAX_SAMPLE_MISS_RATIO);
        if (textMisses > allowed || vectorMisses > allowed) {
            throw new JobFailure(String.format(
                    Locale.ROOT,
                    "validation: %d of %d sample items missed by text search and %d by vector search (at most %d"
                            + " allowed); e.g. %s",
                    textMisses,
                    samples.size(),
                    vectorMisses,
                    allowed,
                    lastMiss));
        }
    }

    /** The factors must have met the catalog: a model trained on other item ids attaches to nothing. */
    private static void validateCf(CatalogIndex index, CfFactors cf, long attached, List<String> samples) {
        if (attached == 0) {
            throw new JobFailure("validation: none of the " + cf.items().size() + " CF factors belongs to an item"
                    + " of the catalog; were they trained on interactions with this catalog's itemIds?");
        }
        if (index.cfDimension() != cf.factors()) {
            throw new JobFailure("validation: CF dimension " + index.cfDimension() + ", expected " + cf.factors());
        }
        for (String itemId : samples) {
            float[] expected = cf.factor(itemId);
            if (!Arrays.equals(expected, index.cfVector(itemId))) {
                throw new JobFailure(
                        "validation: the CF vector of sample item " + Excerpt.of(itemId) + " is not its factor");
            }
        }
    }

    /**
     * The live generation's CF factors and model (with its neighbour file, if it has one), or {@code null}
     * when it has none: what a rebuild without new factors keeps. The factors are held in memory for the
     * build (4·k bytes and a map entry per item); the neighbour file is copied.
     */
    private CfFactors liveFactors() throws IOException {
        try (CatalogLease lease = live.tryAcquire()) {
            if (lease == null || lease.index().cfDimension() == 0) {
                return null;
            }
            Optional<CfModel> model = store.cfModel(lease.generation());
            if (model.isEmpty()) {
                return null;
            }
            CatalogIndex index = lease.index();
            Map<String, float[]> factors = new HashMap<>();
            index.forEach((item, content) -> {
                float[] factor = index.cfVector(item.itemId());
                if (factor != null) {
                    factors.put(item.itemId(), factor);
                }
            });
            if (factors.isEmpty()) {
                return null;
            }
            Path neighbours = store.neighboursFile(lease.generation());
            return new CfFactors(
                    model.get(), factors, Files.isRegularFile(neighbours) ? NeighbourFile.open(neighbours) : null);
        }
    }

    private static boolean isStopWordsOnly(String title) {
        return title.chars().noneMatch(Character::isLetterOrDigit)
                || title.strip().length() <= 3;
    }

    private void publish(long generation, AtomicLong progress) throws Exception {
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
            swapIn(index, from, caughtUp, null);
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
                        publish(target, published);
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

    /** A job failure whose message is all the operator needs (no stack trace). */
    private static final class JobFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobFailure(String message) {
            super(message, null, false, false);
        }
    }
}
