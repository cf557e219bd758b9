package dev.recsys.ranker.records;

/** One entry of a shopper's recent history, newest first in {@link UserVectors#recent()}. */
public record RecentInteraction(String itemId, EventType type, long ts) {}
