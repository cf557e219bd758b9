package dev.recsys.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.erasure.ErasureConsumer;
import dev.recsys.index.generations.CatalogLease;
import dev.recsys.index.generations.CatalogTopicFollower;
import dev.recsys.index.generations.GenerationStore;
import dev.recsys.index.generations.LiveCatalog;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.index.generations.TopicOffsets;
import dev.recsys.index.http.AdminJson;
import dev.recsys.index.ingest.DeadLetterLog;
import dev.recsys.index.ingest.StreamJobMetrics;
import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.records.Topics;
import java.util.OptionalLong;

/**
 * The body of {@code GET /v1/admin/status}: the generations on disk and which is live and previous, the
 * running and last reindex jobs, the catalog-topic follower, the shoppers, erasures, dead letters and the stream
 * job's counters. A report of its own because it reads every part of the service and changes none.
 *
 * @param erasures the erasures consumer, or {@code null} before it started
 * @param deadLetters what the stream job dead-lettered
 * @param streamJob the stream job's counters from its metrics endpoints
 */
record AdminStatus(
        GenerationStore generations,
        LiveCatalog live,
        Reindexer reindexer,
        CatalogTopicFollower follower,
        UserVectorStore users,
        ErasureConsumer erasures,
        DeadLetterLog deadLetters,
        StreamJobMetrics streamJob) {

    ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        addGenerations(node);
        var job = reindexer.running();
        if (job.isPresent()) {
            node.set("job", AdminJson.job(job.get()));
        } else {
            node.putNull("job");
        }
        reindexer.last().ifPresent(last -> node.set("lastJob", AdminJson.job(last)));
        addCatalogTopic(node.putObject("catalogTopic"));
        node.put("shoppers", users.size());
        ObjectNode erased = node.putObject("erasures");
        erased.put("known", users.erasureCount());
        erased.put("userVectorsErased", users.erasedCount());
        if (erasures != null) {
            erased.put("invalid", erasures.invalidCount());
        }
        node.set("deadLetters", deadLetters.toJson());
        node.set("streamJob", streamJob.toJson());
        return node;
    }

    private void addGenerations(ObjectNode node) {
        OptionalLong current = generations.current();
        OptionalLong previous = generations.previous();
        try (CatalogLease lease = live.tryAcquire()) {
            if (lease != null) {
                ObjectNode liveNode = AdminJson.generation(generations.info(lease.generation()));
                liveNode.put("items", lease.index().size());
                node.set("live", liveNode);
            } else {
                node.putNull("live");
            }
        }
        if (previous.isPresent() && generations.isReady(previous.getAsLong())) {
            node.set("previous", AdminJson.generation(generations.info(previous.getAsLong())));
        } else {
            node.putNull("previous");
        }
        ArrayNode list = node.putArray("generations");
        for (long n : generations.generations()) {
            ObjectNode entry = list.addObject();
            entry.put("generation", n);
            entry.put(
                    "role",
                    current.isPresent() && current.getAsLong() == n
                            ? "live"
                            : previous.isPresent() && previous.getAsLong() == n ? "previous" : "other");
            entry.put("path", generations.directory(n).toString());
        }
    }

    private void addCatalogTopic(ObjectNode topic) {
        topic.put("topic", Topics.CATALOG);
        topic.put("following", follower.following());
        topic.put("appliedOffsets", TopicOffsets.encode(follower.position()));
        ObjectNode offsets = topic.putObject("offsets");
        follower.position().forEach((partition, offset) -> offsets.put(Integer.toString(partition), offset));
        topic.put("applied", follower.appliedCount());
        topic.put("malformed", follower.malformedCount());
        if (follower.lastMalformed() != null) {
            topic.put("lastMalformed", follower.lastMalformed());
        }
        if (follower.failure() != null) {
            topic.put("failure", follower.failure());
        }
    }
}
