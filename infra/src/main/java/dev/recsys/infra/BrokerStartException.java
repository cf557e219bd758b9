package dev.recsys.infra;

/**
 * The Kafka broker could not be started: its JVM died, it did not become ready in time, or its
 * files could not be prepared. The message says which, and ends with the last lines of the
 * broker's log when there is one, so a failing test or demo explains itself.
 */
public final class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
