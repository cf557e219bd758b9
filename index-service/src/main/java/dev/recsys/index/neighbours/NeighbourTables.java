package dev.recsys.index.neighbours;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.index.catalog.CatalogIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The neighbour file of whichever generation a request holds, mapped once per generation directory. The
 * file is written before the generation is marked ready and never changes, so a generation's answer can be
 * kept while it may serve: up to four generations' (live, previous, one being swapped in).
 */
public final class NeighbourTables {
    private static final Logger LOG = LoggerFactory.getLogger(NeighbourTables.class);
    private static final int KEPT = 4;

    private final Cache<Path, Optional<NeighbourFile>> mapped =
            Caffeine.newBuilder().maximumSize(KEPT).build();

    /**
     * The generation's neighbour lists, empty when it was built without them (or they cannot be read).
     * Every feed asks, so a generation already mapped is answered without a lock.
     */
    public Optional<NeighbourFile> of(CatalogIndex index) {
        Path dir = index.path();
        if (dir == null) {
            return Optional.empty();
        }
        return mapped.get(dir, NeighbourTables::open);
    }

    private static Optional<NeighbourFile> open(Path dir) {
        Path file = dir.resolve(NeighbourFile.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NeighbourFile.open(file));
        } catch (IOException e) {
            LOG.warn("recent-item neighbours off for {}: {}", dir, e.toString());
            return Optional.empty();
        }
    }
}
