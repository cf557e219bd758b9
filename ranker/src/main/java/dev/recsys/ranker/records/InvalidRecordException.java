package dev.recsys.ranker.records;

/**
 * A record (Kafka value, JSON line or HTTP body) that breaks its contract. Carries the offending
 * field so the dead-letter topic and HTTP 400 bodies can name it.
 */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRecordException(String field, String reason) {
        super(field == null ? reason : "field '" + field + "': " + reason);
        this.field = field;
    }

    /** The JSON field at fault, or {@code null} when the record as a whole is unreadable. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String message = getMessage();
        return field == null ? message : message.substring(("field '" + field + "': ").length());
    }
}
