package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.feed.Because;
import dev.recsys.index.feed.ResultItem;
import dev.recsys.index.users.NeighbourEngagement;
import dev.recsys.index.users.NeighbourItem;
import dev.recsys.ranker.fairness.FairnessReport;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreSource;
import dev.recsys.ranker.records.CatalogItem;
import java.util.List;
import java.util.Map;

/** The JSON shapes shared by the feed, search and similar-items answers. */
final class ResultJson {
    private ResultJson() {}

    /** The fields every result item has. */
    static ObjectNode item(CatalogItem item, double score) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("itemId", item.itemId());
        node.put("title", item.title());
        node.put("category", item.category());
        node.put("brand", item.brand());
        node.put("sellerId", item.sellerId());
        node.put("price", item.price());
        node.put("score", round(score));
        return node;
    }

    /** A ranked item; with {@code explain} also its score parts, origins and "because" items. */
    static ObjectNode ranked(ResultItem result, boolean explain) {
        RankedItem ranked = result.ranked();
        ObjectNode node = item(result.item(), ranked.score());
        node.put("protected", ranked.protectedItem());
        if (explain) {
            ObjectNode parts = node.putObject("scoreParts");
            for (Map.Entry<ScoreSource, Double> part : ranked.scoreParts().entrySet()) {
                parts.put(part.getKey().jsonName(), round(part.getValue()));
            }
            ArrayNode origins = node.putArray("origins");
            ranked.origins().forEach(origins::add);
            ArrayNode because = node.putArray("because");
            for (Because entry : result.because()) {
                ObjectNode b = because.addObject();
                b.put("itemId", entry.itemId());
                b.put("title", entry.title());
                b.put("type", entry.type().jsonName());
                b.put("similarity", round(entry.similarity()));
                b.put("basis", entry.basis().jsonName());
            }
            NeighbourItem shoppers = result.similarShoppers();
            if (shoppers != null) {
                // Which shoppers is never shown: only how many, how similar, and what they did.
                ObjectNode similar = node.putObject("similarShoppers");
                similar.put("neighbours", shoppers.neighbours());
                ArrayNode top = similar.putArray("top");
                for (NeighbourEngagement engagement : shoppers.because()) {
                    ObjectNode e = top.addObject();
                    e.put("type", engagement.type().jsonName());
                    e.put("similarity", round(engagement.similarity()));
                }
            }
            node.put("blendedRank", ranked.blendedRank());
            node.put("movedByFairness", ranked.movedByFairness());
        }
        return node;
    }

    static ArrayNode rankedList(List<ResultItem> results, boolean explain) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        results.forEach(result -> array.add(ranked(result, explain)));
        return array;
    }

    /** The fairness pass's report for one answer. */
    static ObjectNode fairness(FairnessReport report, String protectedGroup) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("protectedGroup", protectedGroup);
        node.put("k", report.k());
        node.put("protectedCount", report.protectedCount());
        node.put("protectedShare", round(report.protectedShare()));
        node.put("quotaMet", report.quotaMet());
        node.put("enoughProtectedCandidates", report.enoughProtectedCandidates());
        ArrayNode minimum = node.putArray("minProtectedAtPrefix");
        for (int m : report.minProtectedAtPrefix()) {
            minimum.add(m);
        }
        ArrayNode actual = node.putArray("protectedAtPrefix");
        for (int p : report.protectedAtPrefix()) {
            actual.add(p);
        }
        if (report.largestSeller() != null) {
            node.put("largestSeller", report.largestSeller());
        }
        node.put("largestSellerShare", round(report.largestSellerShare()));
        if (report.note() != null) {
            node.put("note", report.note());
        }
        return node;
    }

    /** Six significant decimals are plenty for scores and keep the JSON short. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
