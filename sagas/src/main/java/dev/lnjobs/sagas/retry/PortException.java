package dev.lnjobs.sagas.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * A service behind a port (Lightning node, model provider, cloud, tailnet) failed or refused. Transient failures
 * (rate limits, 5xx, time-outs, the network) may pass if tried again, after {@code retryAfter} when the service said
 * how long; the others (bad request, bad credentials, quota) would fail again. Each port has its own subtype.
 */
public abstract class PortException extends RuntimeException {

    private final boolean transientFailure;
    private final Duration retryAfter;

    protected PortException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
