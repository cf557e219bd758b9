package dev.recsys.ingest.records;

/**
 * A rejected record on its way to {@code interactions-dlq}; written as {@link
 * dev.recsys.ranker.json.DeadLetterJson}.
 *
 * @param key the Kafka key to write (the shopper's id when known), or {@code null}
 * @param raw the record as received (base64 when it was not UTF-8 text); for an interaction whose
 *     item never got vectors, the parsed event written back as JSON (the same fields)
 * @param field the field at fault, or {@code null} when the record as a whole is unreadable
 * @param reason why it was rejected, for an operator to read
 * @param rejectedAt processing time of the rejection, epoch milliseconds
 */
public record DeadLetter(String key, String raw, String field, String reason, long rejectedAt) {}
