package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.embed.CachedEmbedder;
import dev.recsys.index.embed.CenteredEmbedder;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.embed.HashedNgramEmbedder;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.InvalidRecordException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a reindex job that writes a new generation directory, apart from making it live: the
 * first pass over the source (fitting the hashed embedder's idf, or filling the Transformer's embedding
 * cache and fitting the mean its vectors are centred by; and the rejected records against the job's
 * {@code maxErrorRatio}), the indexing pass (a repeated itemId replaces the earlier one; attached CF factors and
 * neighbour lists go with their items), saving the embedder and CF model next to the index, and the
 * {@link GenerationGate}. Until the index is handed over, {@link #close} abandons whatever was written.
 */
final class ReindexPasses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReindexPasses.class);
    /** Texts a Transformer is handed at once: enough to keep every core busy, few enough to report often. */
    static final int EMBEDDING_BATCH = 256;

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

    /**
     * Pass 1: prepares the embedder of the new generation and counts rejected records, failing the job
     * above its error ratio. The hashed embedder is fitted (its idf); a Transformer embeds every item
     * whose text its cache lacks, in batches over all cores, so that pass 2 finds them all cached.
     *
     * @param hashedDimension the dimension of a hashed embedder
     */
    TextEmbedder prepare(EmbedderSpec spec, int hashedDimension) throws Exception {
        job.embedder(spec.id());
        TextEmbedder embedder = spec.kind() == EmbedderSpec.Kind.HASHED ? fit(hashedDimension) : embed(spec);
        checkRejections();
        return embedder;
    }

    private HashedNgramEmbedder fit(int dimension) throws Exception {
        job.phase(ReindexJob.Phase.FITTING);
        HashedNgramEmbedder.Fitter fitter = HashedNgramEmbedder.fitter(dimension);
        source.read(
                item -> {
                    checkNotClosed.run();
                    job.read.incrementAndGet();
                    fitter.addItem(item);
                },
                job::reject);
        return fitter.fit();
    }

    /** Embeds the items the cache lacks and fits the mean the generation's vectors are centred by. */
    private TextEmbedder embed(EmbedderSpec spec) throws Exception {
        TextEmbedder model = store.embedders().unfitted(spec);
        CenteredEmbedder.Fitter centre = CenteredEmbedder.fitter(model);
        job.phase(ReindexJob.Phase.EMBEDDING);
        List<String> batch = new ArrayList<>(EMBEDDING_BATCH);
        source.read(
                item -> {
                    checkNotClosed.run();
                    batch.add(model.textOf(item));
                    if (batch.size() == EMBEDDING_BATCH) {
                        embedBatch(model, batch, centre);
                    }
                },
                job::reject);
        embedBatch(model, batch, centre);
        if (model instanceof CachedEmbedder cached) {
            cached.flush();
        }
        return centre.fit();
    }

    /** Embeds (into the cache) and counts a batch; the counts move once the batch is done. */
    private void embedBatch(TextEmbedder model, List<String> batch, CenteredEmbedder.Fitter centre) {
        if (batch.isEmpty()) {
            return;
        }
        long missesBefore = model instanceof CachedEmbedder cached ? cached.misses() : 0;
        for (float[] raw : model.embedAll(batch)) {
            centre.add(raw);
        }
        long embedded = model instanceof CachedEmbedder cached ? cached.misses() - missesBefore : batch.size();
        job.embedded.addAndGet(embedded);
        job.cached.addAndGet(batch.size() - embedded);
        job.read.addAndGet(batch.size());
        batch.clear();
    }

    private void checkRejections() {
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
    }

    /**
     * Pass 2 and the gate: indexes the source into {@code generation} with the trained models attached (or none),
     * saves the embedder and model, validates and marks the generation READY. The index is the caller's
     * once {@link #handOver} is called.
     *
     * @param startOffsets the catalog-topic offsets the generation is caught up from, kept in its commit
     */
    CatalogIndex build(long generation, TextEmbedder embedder, TrainedModels models, Map<Integer, Long> startOffsets)
            throws Exception {
        CfFactors cf = models.cf();
        AttachedSequenceModel sequence = models.sequence();
        job.total(job.read());
        job.read.set(0);
        job.phase(ReindexJob.Phase.INDEXING);
        builder = CatalogIndex.builder(store.directory(generation), embedder, generation, store.settings());
        IndexingPass pass = new IndexingPass(builder, cf, sequence);
        source.read(pass::add, error -> {});
        index = builder.finish(Map.of(TopicOffsets.COMMIT_KEY, TopicOffsets.encode(startOffsets)));
        builder = null;
        save(generation, embedder, cf, sequence);

        job.phase(ReindexJob.Phase.VALIDATING);
        GenerationGate.validate(index, pass.ids.size(), embedder.dimension(), pass.samples.items());
        if (cf != null) {
            GenerationGate.validateCf(index, cf, job.cfItems(), pass.neighbourItems, pass.samples.items());
        }
        if (sequence != null) {
            GenerationGate.validateSequence(index, sequence, job.seqItems(), pass.samples.items());
        }
        store.markReady(generation);
        return index;
    }

    private void save(long generation, TextEmbedder embedder, CfFactors cf, AttachedSequenceModel sequence)
            throws IOException {
        store.saveEmbedder(generation, embedder);
        if (sequence != null) {
            store.saveSequenceModel(generation, sequence.file());
        }
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
        private final AttachedSequenceModel sequence;
        private final Throttle throttle = new Throttle(job.maxItemsPerSecond(), Throttle.SYSTEM);
        final ItemIdSet ids = new ItemIdSet();
        final SampleReservoir samples = new SampleReservoir(Reindexer.SAMPLE_QUERIES, Reindexer.SAMPLE_SEED);
        long neighbourItems;

        IndexingPass(CatalogIndex.Builder writing, CfFactors cf, AttachedSequenceModel sequence) {
            this.writing = writing;
            this.cf = cf;
            this.sequence = sequence;
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
            float[] embedding = sequence == null ? null : sequence.itemVector(item.itemId());
            writing.add(item, factor, embedding);
            if (factor != null) {
                job.cfItems.incrementAndGet();
            }
            if (embedding != null) {
                job.seqItems.incrementAndGet();
            }
            if (cf != null && cf.neighbours() != null && cf.neighbours().hasList(item.itemId())) {
                neighbourItems++;
            }
        }
    }
}
