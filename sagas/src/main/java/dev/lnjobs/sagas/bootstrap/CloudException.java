package dev.lnjobs.sagas.bootstrap;

import java.time.Duration;
import java.util.Optional;

/**
 * A cloud or tailnet API failed. Transient failures (rate limit, 5xx, network) may be retried, after
 * {@code retryAfter} when the service said how long; others (bad request, bad token, quota) will fail again.
 */
public class CloudException extends RuntimeException {

    private final boolean transientFailure;
    private final Duration retryAfter;

    public CloudException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public CloudException(String message, boolean transientFailure) {
        this(message, transientFailure, null, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
