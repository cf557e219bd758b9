package dev.recsys.index.http;

import org.eclipse.jetty.util.Callback;

/**
 * Completes a request once its answer went out (or could not go out), after counting it in {@link
 * RequestMetrics}: the duration runs from the request's first byte to the end of the answer's write.
 */
final class RecordingCallback implements Callback {
    private final Callback completion;
    private final RequestMetrics metrics;
    private final String endpoint;
    private final int status;
    private final long beganNanos;

    RecordingCallback(Callback completion, RequestMetrics metrics, String endpoint, int status, long beganNanos) {
        this.completion = completion;
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.status = status;
        this.beganNanos = beganNanos;
    }

    @Override
    public void succeeded() {
        metrics.finished(endpoint, status, System.nanoTime() - beganNanos);
        completion.succeeded();
    }

    @Override
    public void failed(Throwable failure) {
        metrics.finished(endpoint, status, System.nanoTime() - beganNanos);
        completion.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
        return completion.getInvocationType();
    }
}
