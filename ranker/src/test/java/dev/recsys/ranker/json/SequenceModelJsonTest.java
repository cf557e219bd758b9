package dev.recsys.ranker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.sequence.RandomWeights;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SequenceModelJsonTest {
    private static SequenceModelFile file() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("item-" + i);
        }
        return new SequenceModelFile(ids, SequenceFilter.POSITIVE, RandomWeights.of(3, 12, 4, 8, 2, 2, 0.3));
    }

    @Test
    void aWrittenModelReadsBackToTheSameEmbeddings() {
        SequenceModelFile file = file();

        SequenceModelFile read = SequenceModelJson.parse(SequenceModelJson.write(file));

        assertEquals(file.itemIds(), read.itemIds());
        assertEquals(SequenceFilter.POSITIVE, read.filter());
        assertEquals(file.weights().parameters(), read.weights().parameters());
        int[] history = {3, 1, 12, 7};
        assertArrayEquals(
                new SequenceEncoder(file.weights()).embed(history), new SequenceEncoder(read.weights()).embed(history));
        assertEquals(12, read.modelIds().get("item-11"));
    }

    private static InvalidRecordException broken(Consumer<ObjectNode> edit) {
        ObjectNode node = Json.parseObject(SequenceModelJson.write(file()));
        edit.accept(node);
        return assertThrows(InvalidRecordException.class, () -> SequenceModelJson.parse(Json.write(node)));
    }

    @Test
    void aBrokenModelIsRefusedNamingTheFieldAtFault() {
        assertEquals("format", broken(n -> n.put("format", 2)).field());
        assertEquals("events", broken(n -> n.put("events", "clicks")).field());
        assertEquals(
                "itemIds",
                broken(n -> ((ArrayNode) n.get("itemIds")).set(1, "item-0")).field());
        assertEquals(
                "items", broken(n -> ((ArrayNode) n.get("items")).remove(0)).field());
        assertEquals(
                "positions[1]",
                broken(n -> ((ArrayNode) n.get("positions")).set(1, "AAAA")).field());
        assertEquals(
                "blocks[1].query.bias",
                broken(n -> ((ObjectNode) n.get("blocks").get(1).get("query")).put("bias", "%%"))
                        .field());
        assertEquals("finalNorm", broken(n -> n.remove("finalNorm")).field());
        assertEquals("heads", broken(n -> n.put("heads", 3)).field());
    }
}
