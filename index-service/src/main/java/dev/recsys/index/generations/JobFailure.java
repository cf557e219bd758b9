package dev.recsys.index.generations;

/** A reindex failure whose message is all the operator needs (no stack trace). */
final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobFailure(String message) {
        super(message, null, false, false);
    }
}
