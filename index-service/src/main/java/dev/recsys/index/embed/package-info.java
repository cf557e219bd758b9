/**
 * Content embeddings: text in, a fixed-size unit vector out.
 *
 * <p>Every content vector in the system comes from a {@link dev.recsys.index.embed.TextEmbedder}: item
 * vectors stored in the catalog index and published to {@code item-vectors} (from which the stream job
 * pools shopper profiles), and the vectors of search text. One interface, so a sentence-embedding model
 * can replace the default later without touching the index or the stream job; a new embedder means a new
 * catalog generation, because vectors of different embedders are not comparable.
 *
 * <h2>Why hashed n-grams by default</h2>
 *
 * {@link dev.recsys.index.embed.HashedNgramEmbedder} needs no model files, no network and no GPU, runs in
 * microseconds, and is exactly reproducible: a requirement when vectors are published, pooled into
 * profiles and compared across processes. Word unigrams capture topic, word bigrams capture product
 * phrases ("running shoes", "dark roast"), character 3- and 4-grams make it robust to plurals, typos and
 * compound words. Feature hashing with a sign bit (Weinberger et al., "Feature Hashing for Large Scale
 * Multitask Learning", ICML 2009) maps an open vocabulary into a fixed dimension with unbiased inner
 * products; TF-IDF learnt from the catalog itself down-weights words every product shares ("black",
 * "set") so that cosine similarity reflects what distinguishes items. The price is that it only knows
 * surface form: "sneakers" and "trainers" meet only through shared context words, which a learnt model
 * would do better.
 *
 * <h2>A pre-trained Transformer</h2>
 *
 * {@link dev.recsys.index.embed.TransformerEmbedder} is that learnt model: the sentence encoder
 * all-MiniLM-L6-v2 (quantised to 8 bits) run by ONNX Runtime, its graph and tokenizer class-path
 * resources of a Maven Central jar, tokenized by {@code WordPieceTokenizer}. It
 * knows that "nappies" are diapers, needs no fitting, and costs about a millisecond of one core per short
 * text; see its class documentation for the text limit, pooling and batches.
 */
package dev.recsys.index.embed;
