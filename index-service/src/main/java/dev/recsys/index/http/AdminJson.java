package dev.recsys.index.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.catalog.sources.LineError;
import dev.recsys.index.generations.GenerationInfo;
import dev.recsys.index.generations.ReindexJob;
import dev.recsys.ranker.json.Json;

/**
 * JSON forms of the admin API's answers. A job's rejections and failure may quote the records of its
 * source: they are written within the bounds of an {@link Excerpt} whatever made them.
 */
public final class AdminJson {
    private AdminJson() {}

    public static ObjectNode job(ReindexJob job) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("job", job.id());
        node.put("href", ReindexEndpoint.PATH + "/" + job.id());
        node.put("state", job.state());
        node.put("phase", job.phase().label());
        node.put("source", job.source());
        node.put("generation", job.generation());
        if (job.embedder() == null) {
            node.putNull("embedder");
        } else {
            node.put("embedder", job.embedder());
        }
        node.put("read", job.read());
        node.put("embedded", job.embedded());
        node.put("cached", job.cached());
        node.put("indexed", job.indexed());
        node.put("rejected", job.rejected());
        node.put("duplicates", job.duplicates());
        node.put("caughtUp", job.caughtUp());
        node.put("published", job.published());
        if (job.cf() == null) {
            node.putNull("cf");
        } else {
            node.put("cf", job.cf());
        }
        node.put("cfItems", job.cfItems());
        if (job.sequence() == null) {
            node.putNull("sequence");
        } else {
            node.put("sequence", job.sequence());
        }
        node.put("seqItems", job.seqItems());
        node.put("total", job.total());
        node.put("itemsPerSecond", Math.round(job.itemsPerSecond() * 10) / 10.0);
        node.put("etaSeconds", job.etaSeconds());
        node.put("maxErrorRatio", job.maxErrorRatio());
        node.put("maxItemsPerSecond", job.maxItemsPerSecond());
        ArrayNode errors = node.putArray("errors");
        for (LineError error : job.errors()) {
            ObjectNode e = errors.addObject();
            e.put("line", error.line());
            if (error.field() != null) {
                e.put("field", Excerpt.bounded(error.field(), Excerpt.MAX_FIELD));
            }
            e.put("reason", Excerpt.bounded(error.reason(), Excerpt.MAX_MESSAGE));
        }
        node.put("createdAt", job.createdAt().toString());
        if (job.finishedAt() != null) {
            node.put("finishedAt", job.finishedAt().toString());
        }
        if (job.failure() != null) {
            node.put("failure", Excerpt.bounded(job.failure(), Excerpt.MAX_MESSAGE));
        } else {
            node.putNull("failure");
        }
        return node;
    }

    public static ObjectNode generation(GenerationInfo info) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("generation", info.generation());
        node.put("items", info.items());
        node.put("bytesOnDisk", info.bytesOnDisk());
        node.put("path", info.path().toString());
        if (info.created() != null) {
            node.put("created", info.created().toString());
        }
        if (info.embedder() != null) {
            node.put("embedder", info.embedder());
        }
        return node;
    }
}
