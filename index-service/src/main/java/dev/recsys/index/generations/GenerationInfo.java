package dev.recsys.index.generations;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A generation as the status endpoint reports it.
 *
 * @param generation its number
 * @param items live documents, or -1 when it could not be read
 * @param bytesOnDisk size of its directory
 * @param path its directory
 * @param created when it was marked ready, or {@code null}
 * @param embedder the embedder it was built with and its dimension, or {@code null} when unreadable
 */
public record GenerationInfo(
        long generation, long items, long bytesOnDisk, Path path, Instant created, String embedder) {}
