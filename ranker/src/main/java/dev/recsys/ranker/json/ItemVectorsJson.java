package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.ItemVectors;

/** JSON form of {@link ItemVectors}, the value of the {@code item-vectors} topic. */
public final class ItemVectorsJson {
    private ItemVectorsJson() {}

    public static ItemVectors parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        return new ItemVectors(
                fields.id("itemId"),
                fields.requiredLong("generation"),
                fields.vector("content", true),
                fields.vector("cf", false));
    }

    public static String write(ItemVectors vectors) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("itemId", vectors.itemId());
        node.put("generation", vectors.generation());
        node.set("content", JsonFields.vectorNode(vectors.content()));
        if (vectors.cf() != null) {
            node.set("cf", JsonFields.vectorNode(vectors.cf()));
        }
        return Json.write(node);
    }
}
