package dev.recsys.index.catalog.sources;

/**
 * A record of a source that did not become an item.
 *
 * @param line 1-based line number in the source file where the record starts
 * @param field the field (JSON field or CSV column) at fault, or {@code null} when the record as a whole is
 *     unreadable
 * @param reason what is wrong, for an operator
 */
public record LineError(long line, String field, String reason) {
    @Override
    public String toString() {
        return "line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + reason;
    }
}
