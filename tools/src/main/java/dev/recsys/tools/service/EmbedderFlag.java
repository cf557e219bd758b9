package dev.recsys.tools.service;

import dev.recsys.cli.UsageException;
import dev.recsys.index.embed.EmbedderSpec;

/** {@code --embedder} of the commands that start a reindex: checked here, sent as the request's {@code embedder}. */
public final class EmbedderFlag {
    /** The flag's help text. */
    public static final String DESCRIPTION = "the embedder of the new generation: hashed or transformer[:MODEL]"
            + " (default: the service's --embedder)";

    private EmbedderFlag() {}

    /**
     * The embedder's id for the request, or {@code null} when the flag was not given.
     *
     * @throws UsageException naming {@code --embedder} and what it accepts
     */
    public static String check(String value) {
        if (value == null) {
            return null;
        }
        try {
            return EmbedderSpec.parse(value).id();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--embedder: " + e.getMessage());
        }
    }
}
