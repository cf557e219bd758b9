package dev.recsys.index.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.recsys.ranker.records.CatalogItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TextEmbedder} that runs a pre-trained sentence-embedding Transformer ({@link TransformerModel},
 * by default all-MiniLM-L6-v2 quantised to 8 bits) in process with ONNX Runtime. The model graph and its
 * tokenizer are class-path resources of a Maven Central jar: nothing is downloaded, and nothing is fitted
 * on the catalog, so there is no state to save with a generation; the model's name and dimension say which
 * vectors it makes.
 *
 * <p>A text is tokenized by {@link WordPieceTokenizer} (the model's own {@code tokenizer.json}), cut at
 * {@link TransformerModel#maxTokens} tokens ({@code [CLS]} and {@code [SEP]} included: 254 word pieces for
 * all-MiniLM-L6-v2, about 180 English words; the rest of the text is ignored), run through the model, and
 * the token states are pooled as the model defines (mean for MiniLM) and L2-normalised.
 *
 * <p>A text with no letter and no digit (empty, white space, only punctuation or symbols) gives the zero
 * vector, as {@link TextEmbedder} asks, without running the model: the model would give every such text
 * nearly the same vector (the states of {@code [CLS]}, {@code [SEP]} and a few punctuation pieces), which
 * would make all items without real text look alike and close to short queries. The hashed n-gram
 * embedder gives zeros for the same texts, so swapping embedders does not change which items have content.
 *
 * <p>Each text is one model run: the quantised model scales its activations by the range of the whole
 * input tensor ({@code DynamicQuantizeLinear}), so padding a text into a batch with others would make its
 * vector depend on its neighbours. One text per run keeps every vector a function of its text alone, and
 * {@link #embedAll} the same as {@link #embed}, bit for bit. Throughput comes from running texts in
 * parallel, one ONNX Runtime intra-op thread each, on {@code threads} threads (by default one per core):
 * the session is shared, ONNX Runtime runs concurrent calls safely.
 *
 * <p>Vectors are deterministic for a given model, ONNX Runtime version and CPU instruction set; another
 * CPU may differ in the last bits. Thread-safe; {@link #close} releases the native session (calls in
 * flight finish first).
 */
public final class TransformerEmbedder implements TextEmbedder, AutoCloseable {
    private final TransformerModel model;
    private final WordPieceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String outputName;
    private final boolean tokenTypes;
    private final int dimension;
    private final int threads;
    /** The parallel workers of {@link #embedAll}, besides the caller; null when {@code threads} is 1. */
    private final ExecutorService workers;
    /** Runs hold the read lock, {@link #close} the write lock: the session is never closed under a run. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /**
     * Model runs at once, at most {@code threads}, first come first served: search queries and a
     * reindex's texts share the cores without time-slicing each other's runs, which would stretch every
     * run (16 concurrent queries on 2 cores took up to 20 ms each instead of 1).
     */
    private final Semaphore runs;

    private boolean closed;

    private TransformerEmbedder(
            TransformerModel model,
            WordPieceTokenizer tokenizer,
            OrtEnvironment environment,
            OrtSession session,
            int threads)
            throws OrtException {
        this.model = model;
        this.tokenizer = tokenizer;
        this.environment = environment;
        this.session = session;
        this.threads = threads;
        this.runs = new Semaphore(threads, true);
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (!inputs.containsKey("input_ids") || !inputs.containsKey("attention_mask")) {
            throw new IllegalArgumentException(
                    model.name() + ": the graph's inputs " + inputs.keySet() + " lack input_ids or attention_mask");
        }
        this.tokenTypes = inputs.containsKey("token_type_ids");
        Set<String> outputs = session.getOutputNames();
        this.outputName = outputs.contains("last_hidden_state")
                ? "last_hidden_state"
                : outputs.iterator().next();
        if (!(session.getOutputInfo().get(outputName).getInfo() instanceof TensorInfo info)
                || info.getShape().length != 3
                || info.getShape()[2] < 1) {
            throw new IllegalArgumentException(
                    model.name() + ": output " + outputName + " is not a [batch, tokens, dimension] tensor");
        }
        this.dimension = Math.toIntExact(info.getShape()[2]);
        if (dimension > HashedNgramEmbedder.MAX_DIMENSION) {
            throw new IllegalArgumentException(model.name() + ": " + dimension + " dimensions, the index takes at most "
                    + HashedNgramEmbedder.MAX_DIMENSION);
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads - 1, task -> {
                    Thread thread = new Thread(task, "transformer-embedder-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** {@link #open(TransformerModel, int)} of all-MiniLM-L6-v2 with one thread per core. */
    public static TransformerEmbedder open() throws IOException {
        return open(TransformerModel.ALL_MINILM_L6_V2_Q, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads {@code model} from the class path into an ONNX Runtime session.
     *
     * @param threads texts {@link #embedAll} embeds at once (each on one core)
     * @throws IOException if the model or its tokenizer is not on the class path or cannot be read
     * @throws IllegalArgumentException if {@code threads < 1} or the graph is not a sentence encoder
     */
    public static TransformerEmbedder open(TransformerModel model, int threads) throws IOException {
        Objects.requireNonNull(model, "model");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromResource(model.tokenizerResource());
        byte[] graph;
        try (InputStream in =
                TransformerEmbedder.class.getResourceAsStream(WordPieceTokenizer.absolute(model.modelResource()))) {
            if (in == null) {
                throw new IOException("model " + model.modelResource() + " is not on the class path");
            }
            graph = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread per run: parallelism comes from concurrent runs (see the class documentation).
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(graph, options);
            return new TransformerEmbedder(model, tokenizer, environment, session, threads);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IOException(model.name() + ": ONNX Runtime cannot load " + model.modelResource(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * The text of an item this embedder reads, in order of what it says about the product, so that the
     * token limit cuts the description first: the title, the brand, the category path ({@code "pantry >
     * baking"}), the tags, the description, each ended with {@code ". "} and blank ones left out. Written as
     * plain text, the form the model was trained on; the title appears once (repeating it, as the n-gram
     * embedder does to weight it, means nothing to a Transformer).
     */
    public static String itemText(CatalogItem item) {
        Objects.requireNonNull(item, "item");
        StringJoiner text = new StringJoiner(". ");
        text.setEmptyValue("");
        addIfPresent(text, item.title());
        addIfPresent(text, item.brand());
        StringJoiner path = new StringJoiner(" > ");
        for (String level : item.category().split(">")) {
            if (!level.isBlank()) {
                path.add(level.strip());
            }
        }
        addIfPresent(text, path.toString());
        addIfPresent(
                text,
                String.join(", ", item.tags().stream().filter(t -> !t.isBlank()).toList()));
        addIfPresent(text, item.description());
        return text.toString();
    }

    private static void addIfPresent(StringJoiner text, String part) {
        if (!part.isBlank()) {
            text.add(part.strip());
        }
    }

    public TransformerModel model() {
        return model;
    }

    @Override
    public String textOf(CatalogItem item) {
        return itemText(item);
    }

    @Override
    public EmbedderSpec spec() {
        return new EmbedderSpec(EmbedderSpec.Kind.TRANSFORMER, model);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Texts {@link #embedAll} embeds at once. */
    public int threads() {
        return threads;
    }

    /**
     * The token ids the model reads for {@code text}: {@code [CLS]}, at most {@code maxTokens - 2} word
     * pieces, {@code [SEP]}.
     */
    public long[] tokenIds(String text) {
        return tokenizer.encode(text, model.maxTokens());
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        if (!hasLetterOrDigit(text)) {
            return new float[dimension];
        }
        long[] ids = tokenIds(text);
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the embedder is closed");
            }
            return run(ids);
        } catch (OrtException e) {
            throw new IllegalStateException(model.name() + ": inference failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * {@link #embed} of every text, {@code threads} at once (the calling thread is one of them); element
     * {@code i} is exactly {@code embed(texts.get(i))}.
     */
    @Override
    public float[][] embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<String> copy = List.copyOf(texts); // null texts fail here, before any work
        float[][] vectors = new float[copy.size()][];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < vectors.length; i = next.getAndIncrement()) {
                vectors[i] = embed(copy.get(i));
            }
        };
        if (workers == null || copy.size() < 2) {
            drain.run();
            return vectors;
        }
        List<Future<?>> helpers = new ArrayList<>();
        try {
            for (int t = 0; t < Math.min(threads - 1, copy.size() - 1); t++) {
                helpers.add(workers.submit(drain));
            }
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the embedder is closed", e);
        }
        RuntimeException failure = null;
        try {
            drain.run();
        } catch (RuntimeException e) {
            next.set(vectors.length); // the helpers stop after their current text
            failure = e;
        }
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (ExecutionException e) {
                next.set(vectors.length);
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r
                            ? r
                            : new IllegalStateException(model.name() + ": inference failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.set(vectors.length);
                throw new IllegalStateException("interrupted while embedding", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return vectors;
    }

    /** The pooled, normalised vector of one tokenized text. */
    private float[] run(long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor types = tokenTypes
                        ? OnnxTensor.createTensor(environment, LongBuffer.allocate(ids.length), shape)
                        : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", attention);
            if (types != null) {
                inputs.put("token_type_ids", types);
            }
            runs.acquireUninterruptibly();
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return pool(states, ids.length, dimension, model.pooling());
            } finally {
                runs.release();
            }
        }
    }

    /**
     * Pools the states of {@code tokens} tokens ({@code tokens × dimension} floats, token-major) into one
     * unit vector.
     *
     * @throws IllegalStateException if a state is not finite or the pooled vector is zero (a broken model)
     */
    static float[] pool(FloatBuffer states, int tokens, int dimension, TransformerModel.Pooling pooling) {
        if (states.remaining() != tokens * dimension) {
            throw new IllegalStateException(
                    "expected " + tokens + " x " + dimension + " states, got " + states.remaining() + " values");
        }
        double[] sum = new double[dimension];
        int used = pooling == TransformerModel.Pooling.CLS ? 1 : tokens;
        for (int t = 0; t < used; t++) {
            for (int d = 0; d < dimension; d++) {
                sum[d] += states.get(t * dimension + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dimension; d++) {
            sum[d] /= used;
            norm += sum[d] * sum[d];
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalStateException("the model gave a vector of norm " + norm);
        }
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            out[d] = (float) (sum[d] / norm);
        }
        return out;
    }

    /** Whether {@code text} has a letter or a digit (else it has nothing to embed). */
    static boolean hasLetterOrDigit(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** Stops the workers and releases the native session; waits for runs in flight. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (workers != null) {
                workers.shutdownNow();
            }
            closeQuietly(session);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "TransformerEmbedder(%s, dimension=%d, maxTokens=%d, threads=%d)",
                model.name(),
                dimension,
                model.maxTokens(),
                threads);
    }
}
