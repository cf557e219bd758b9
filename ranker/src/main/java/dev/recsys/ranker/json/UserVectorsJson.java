package dev.recsys.ranker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.records.RecentInteraction;
import dev.recsys.ranker.records.UserVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON form of {@link UserVectors}, the value of the {@code user-vectors} topic. */
public final class UserVectorsJson {
    private UserVectorsJson() {}

    public static UserVectors parse(String json) {
        JsonFields fields = new JsonFields(Json.parseObject(json));
        List<RecentInteraction> recent = new ArrayList<>();
        JsonNode recentNode = fields.node().get("recent");
        if (recentNode != null && !recentNode.isNull()) {
            if (!(recentNode instanceof ArrayNode array)) {
                throw new InvalidRecordException("recent", "must be an array");
            }
            for (JsonNode entry : array) {
                if (!(entry instanceof ObjectNode object)) {
                    throw new InvalidRecordException("recent", "entries must be objects");
                }
                JsonFields entryFields = new JsonFields(object);
                recent.add(new RecentInteraction(
                        entryFields.id("itemId"),
                        EventType.fromJson(entryFields.requiredString("type", 64)),
                        entryFields.requiredLong("ts")));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode countsNode = fields.node().get("counts");
        if (countsNode != null && !countsNode.isNull() && !(countsNode instanceof ObjectNode)) {
            throw new InvalidRecordException("counts", "must be an object of integers");
        }
        if (countsNode instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (!entry.getValue().isIntegralNumber() || !entry.getValue().canConvertToLong()) {
                    throw new InvalidRecordException("counts." + entry.getKey(), "must be an integer");
                }
                counts.put(entry.getKey(), entry.getValue().longValue());
            }
        }
        return new UserVectors(
                fields.id("userId"),
                fields.requiredLong("version"),
                fields.requiredLong("updatedAt"),
                fields.requiredLong("eventTs"),
                fields.vector("content", true),
                fields.vector("cf", false),
                recent,
                counts);
    }

    public static String write(UserVectors user) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("userId", user.userId());
        node.put("version", user.version());
        node.put("updatedAt", user.updatedAt());
        node.put("eventTs", user.eventTs());
        node.set("content", JsonFields.vectorNode(user.content()));
        if (user.cf() != null) {
            node.set("cf", JsonFields.vectorNode(user.cf()));
        }
        ArrayNode recent = node.putArray("recent");
        for (RecentInteraction entry : user.recent()) {
            ObjectNode object = recent.addObject();
            object.put("itemId", entry.itemId());
            object.put("type", entry.type().jsonName());
            object.put("ts", entry.ts());
        }
        ObjectNode counts = node.putObject("counts");
        user.counts().forEach(counts::put);
        return Json.write(node);
    }
}
