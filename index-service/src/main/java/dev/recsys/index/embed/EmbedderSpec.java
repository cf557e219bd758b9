package dev.recsys.index.embed;

import java.util.Locale;
import java.util.Objects;

/**
 * Which embedder builds a catalog generation: {@code hashed} (the {@link HashedNgramEmbedder}, fitted on
 * the catalog) or {@code transformer[:MODEL]} (a {@link TransformerModel} run by {@link
 * TransformerEmbedder}; {@code transformer} alone is {@link TransformerModel#DEFAULT}). Its {@link #id}
 * is the value of {@code --embedder} and of a reindex request's {@code embedder}, and what a generation
 * records it was built with.
 *
 * @param model the Transformer model, {@code null} for the hashed embedder
 */
public record EmbedderSpec(Kind kind, TransformerModel model) {

    /** The embedder families. */
    public enum Kind {
        HASHED,
        TRANSFORMER
    }

    /** The hashed n-gram embedder at its default dimension. */
    public static final EmbedderSpec HASHED = new EmbedderSpec(Kind.HASHED, null);

    /** The default Transformer model. */
    public static final EmbedderSpec TRANSFORMER = new EmbedderSpec(Kind.TRANSFORMER, TransformerModel.DEFAULT);

    /** What {@code --embedder} accepts, for usage messages. */
    public static final String SYNTAX = "hashed | transformer[:MODEL]";

    public EmbedderSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TRANSFORMER) != (model != null)) {
            throw new IllegalArgumentException("a transformer spec needs a model, a hashed one none");
        }
    }

    /**
     * Parses {@code hashed}, {@code transformer} or {@code transformer:MODEL} (case-insensitive; {@code
     * MODEL} one of {@link TransformerModel#ids()}).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static EmbedderSpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("hashed")) {
            return HASHED;
        }
        if (value.equals("transformer")) {
            return TRANSFORMER;
        }
        if (value.startsWith("transformer:")) {
            String id = value.substring("transformer:".length());
            return TransformerModel.byId(id)
                    .map(model -> new EmbedderSpec(Kind.TRANSFORMER, model))
                    .orElseThrow(() -> new IllegalArgumentException("unknown Transformer model '" + id + "'; known: "
                            + String.join(", ", TransformerModel.ids())));
        }
        throw new IllegalArgumentException("embedder must be " + SYNTAX + " (models: "
                + String.join(", ", TransformerModel.ids()) + "); got '" + text + "'");
    }

    /** {@code hashed} or {@code transformer:MODEL}: parsed back by {@link #parse}. */
    public String id() {
        return kind == Kind.HASHED ? "hashed" : "transformer:" + model.id();
    }

    @Override
    public String toString() {
        return id();
    }
}
