package dev.recsys.tools.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.neighbours.ItemNeighbours;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a trained model as {@code train --out} leaves it and the service's {@link CfFactorsReader} reads it:
 * {@code item-factors.jsonl} (one line per item with training interactions, its factors and, when given, its
 * neighbours) and {@code yty.json} (what the stream job's fold-in needs). The file format apart from the
 * command, next to its reader's.
 */
final class CfFactorsWriter {
    private CfFactorsWriter() {}

    /**
     * Writes the two files; returns the number of item factors written. Each item line carries the item's
     * neighbour list when {@code neighbours} is given and the item has one.
     */
    static int write(Path dir, AlsModel model, List<String> itemIds, long[] interactions, ItemNeighbours neighbours)
            throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        int written = 0;
        try (BufferedWriter out =
                Files.newBufferedWriter(dir.resolve(CfFactorsReader.ITEMS_FILE), StandardCharsets.UTF_8)) {
            float[][] factors = model.itemFactors();
            for (int i = 0; i < factors.length; i++) {
                if (interactions[i] == 0) {
                    continue;
                }
                ObjectNode node = json.createObjectNode();
                node.put("itemId", itemIds.get(i));
                ArrayNode cf = node.putArray("cf");
                for (float v : factors[i]) {
                    cf.add(v);
                }
                int count = neighbours == null ? 0 : neighbours.neighbourCount(i);
                if (count > 0) {
                    ArrayNode ids = node.putArray("neighbours");
                    ArrayNode sims = node.putArray("similarities");
                    for (int n = 0; n < count; n++) {
                        ids.add(itemIds.get(neighbours.neighbour(i, n)));
                        sims.add(neighbours.similarity(i, n));
                    }
                }
                out.write(json.writeValueAsString(node));
                out.write('\n');
                written++;
            }
        }
        ObjectNode yty = json.createObjectNode();
        yty.put("factors", model.factors());
        yty.put("lambda", model.config().lambda());
        yty.put("alpha", model.config().alpha());
        ArrayNode values = yty.putArray("yty");
        for (double v : model.yty()) {
            values.add(v);
        }
        Files.writeString(
                dir.resolve(CfFactorsReader.MODEL_FILE), json.writeValueAsString(yty) + "\n", StandardCharsets.UTF_8);
        return written;
    }
}
