package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.sagas.retry.PortException;

import java.time.Duration;

/**
 * A cloud or tailnet API failed. Transient failures (rate limit, 5xx, network) may be retried, after
 * {@code retryAfter} when the service said how long; others (bad request, bad token, quota) will fail again.
 */
public class CloudException extends PortException {

    public CloudException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, transientFailure, retryAfter, cause);
    }

    public CloudException(String message, boolean transientFailure) {
        this(message, transientFailure, null, null);
    }
}
