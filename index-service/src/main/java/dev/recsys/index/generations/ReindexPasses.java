package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a reindex job that writes a new generation directory, apart from making it live: the
 * fitting pass over the source (the embedder's idf, the rejected records against the job's {@code
 * maxErrorRatio}), the indexing pass (a repeated itemId replaces the earlier one; attached CF factors and
 * neighbour lists go with their items), saving the embedder and CF model next to the index, and the
 * {@link GenerationGate}. Until the index is handed over, {@link #close} abandons whatever was written.
 */
final class ReindexPasses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReindexPasses.class);

    private final GenerationStore store;
    private final ReindexJob job;
    private final CatalogSource source;
    private final Runnable checkNotClosed;

    private CatalogIndex.Builder builder;
    private CatalogIndex index;
    private boolean handedOver;

    /** @param checkNotClosed called before each record; throws a {@link JobFailure} to stop the build */
    ReindexPasses(GenerationStore store, ReindexJob job, CatalogSource source, Runnable checkNotClosed) {
        this.store = store;
        this.job = job;
        this.source = source;
        this.checkNotClosed = checkNotClosed;
    }

    /** Pass 1: fits the embedder's idf and counts rejected records, failing the job above its error ratio. */
    HashedNgramEmbedder fit(int dimension) throws Exception {
        job.phase(ReindexJob.Phase.FITTING);
        HashedNgramEmbedder.Fitter fitter = HashedNgramEmbedder.fitter(dimension);
        source.read(
                item -> {
                    checkNotClosed.run();
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
        return fitter.fit();
    }

    /**
     * Pass 2 and the gate: indexes the source into {@code generation} with {@code cf} attached (or none),
     * saves the embedder and model, validates and marks the generation READY. The index is the caller's
     * once {@link #handOver} is called.
     *
     * @param startOffsets the catalog-topic offsets the generation is caught up from, kept in its commit
     */
    CatalogIndex build(long generation, HashedNgramEmbedder embedder, CfFactors cf, Map<Integer, Long> startOffsets)
            throws Exception {
        job.total(job.read());
        job.read.set(0);
        job.phase(ReindexJob.Phase.INDEXING);
        builder = CatalogIndex.builder(store.directory(generation), embedder, generation, store.settings());
        IndexingPass pass = new IndexingPass(builder, cf);
        source.read(pass::add, error -> {});
        index = builder.finish(Map.of(TopicOffsets.COMMIT_KEY, TopicOffsets.encode(startOffsets)));
        builder = null;
        save(generation, embedder, cf);

        job.phase(ReindexJob.Phase.VALIDATING);
        GenerationGate.validate(index, pass.ids.size(), embedder.dimension(), pass.samples.items());
        if (cf != null) {
            GenerationGate.validateCf(index, cf, job.cfItems(), pass.neighbourItems, pass.samples.items());
        }
        store.markReady(generation);
        return index;
    }

    private void save(long generation, HashedNgramEmbedder embedder, CfFactors cf) throws IOException {
        store.saveEmbedder(generation, embedder);
        if (cf != null) {
            store.saveCfModel(generation, cf.model(generation));
            if (cf.neighbours() != null) {
                store.saveNeighbours(generation, cf.neighbours());
            }
        }
    }

    /** The index is live now: {@link #close} leaves it open. */
    void handOver() {
        handedOver = true;
    }

    /** Abandons an unfinished build and closes an index that was not handed over. */
    @Override
    public void close() {
        if (!handedOver) {
            closeQuietly(builder);
            closeQuietly(index);
        }
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

    /** The indexing pass's per-record work and what it learns for the gate. */
    private final class IndexingPass {
        private final CatalogIndex.Builder writing;
        private final CfFactors cf;
        private final Throttle throttle = new Throttle(job.maxItemsPerSecond(), Throttle.SYSTEM);
        final ItemIdSet ids = new ItemIdSet();
        final SampleReservoir samples = new SampleReservoir(Reindexer.SAMPLE_QUERIES, Reindexer.SAMPLE_SEED);
        long neighbourItems;

        IndexingPass(CatalogIndex.Builder writing, CfFactors cf) {
            this.writing = writing;
            this.cf = cf;
        }

        void add(CatalogItem item) {
            checkNotClosed.run();
            job.read.incrementAndGet();
            try {
                throttle.acquire();
                write(item);
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
            samples.offer(item.itemId(), n);
        }

        private void write(CatalogItem item) throws IOException {
            float[] factor = cf == null ? null : cf.factor(item.itemId());
            writing.add(item, factor);
            if (factor != null) {
                job.cfItems.incrementAndGet();
            }
            if (cf != null && cf.neighbours() != null && cf.neighbours().hasList(item.itemId())) {
                neighbourItems++;
            }
        }
    }
}
