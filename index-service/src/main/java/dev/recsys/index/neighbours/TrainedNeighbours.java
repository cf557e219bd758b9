package dev.recsys.index.neighbours;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Item-to-item neighbour lists on their way into a catalog generation: freshly uploaded ({@link
 * NeighbourLists}) or carried over from the live generation ({@link NeighbourFile}). Either way the build
 * writes them as the generation's {@link NeighbourFile}.
 */
public interface TrainedNeighbours {
    /** Items that have a neighbour list. */
    int lists();

    /** The longest neighbour list. */
    int maxK();

    /** Whether {@code itemId} has a neighbour list (the build checks the lists met the catalog). */
    boolean hasList(String itemId);

    /** Writes them in the {@link NeighbourFile} format. */
    void writeTo(Path file) throws IOException;

    /** "100 neighbours for 9,724 items", for job descriptions and logs. */
    default String describe() {
        return String.format(java.util.Locale.ROOT, "%d neighbours for %,d items", maxK(), lists());
    }
}
