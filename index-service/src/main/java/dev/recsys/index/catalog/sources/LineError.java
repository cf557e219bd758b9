package dev.recsys.index.catalog.sources;

import dev.recsys.ranker.records.InvalidRecordException;

/**
 * A record of a source that did not become an item. Its field and reason end up in a reindex job's
 * status, so they are kept within the bounds of an {@link Excerpt} (control characters escaped, at most
 * {@value Excerpt#MAX_FIELD} and {@value Excerpt#MAX_MESSAGE} characters); whoever quotes the record's
 * content in the reason quotes it as an {@link Excerpt#of excerpt}.
 *
 * @param line 1-based line number in the source file where the record starts
 * @param field the field (JSON field or CSV column) at fault, or {@code null} when the record as a whole is
 *     unreadable
 * @param reason what is wrong, for an operator
 */
public record LineError(long line, String field, String reason) {
    public LineError {
        field = Excerpt.bounded(field, Excerpt.MAX_FIELD);
        reason = reason == null ? "" : Excerpt.bounded(reason, Excerpt.MAX_MESSAGE);
    }

    /** The error of a record that broke its contract, with the field and reason made safe to show. */
    public static LineError of(long line, InvalidRecordException e) {
        return new LineError(line, Excerpt.field(e.field()), Excerpt.reason(e.reason()));
    }

    @Override
    public String toString() {
        return "line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + reason;
    }
}
