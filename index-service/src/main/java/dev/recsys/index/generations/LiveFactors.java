package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.ranker.cf.CfModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a rebuild without new CF factors keeps: the live generation's factors, its model and its neighbour
 * file, so that a catalog rebuild does not switch CF off until the next training.
 */
final class LiveFactors {
    private LiveFactors() {}

    /**
     * The live generation's CF factors and model (with its neighbour file, if it has one), or {@code null}
     * when it has none. The factors are held in memory for the build (4·k bytes and a map entry per item);
     * the neighbour file is copied.
     */
    static CfFactors of(LiveCatalog live, GenerationStore store) throws IOException {
        try (CatalogLease lease = live.tryAcquire()) {
            if (lease == null || lease.index().cfDimension() == 0) {
                return null;
            }
            Optional<CfModel> model = store.cfModel(lease.generation());
            if (model.isEmpty()) {
                return null;
            }
            CatalogIndex index = lease.index();
            Map<String, float[]> factors = new HashMap<>();
            index.forEach((item, content) -> {
                float[] factor = index.cfVector(item.itemId());
                if (factor != null) {
                    factors.put(item.itemId(), factor);
                }
            });
            if (factors.isEmpty()) {
                return null;
            }
            Path neighbours = store.neighboursFile(lease.generation());
            return new CfFactors(
                    model.get(), factors, Files.isRegularFile(neighbours) ? NeighbourFile.open(neighbours) : null);
        }
    }
}
