package dev.recsys.infra.demo;

/** The demo cannot go on: a part failed to start or exited early. The message says which and why. */
final class DemoFailure extends Exception {

    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
