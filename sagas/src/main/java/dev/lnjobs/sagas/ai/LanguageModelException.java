package dev.lnjobs.sagas.ai;

import java.time.Duration;
import java.util.Optional;

/**
 * The model provider failed. Transient failures (429, 529, 5xx, timeouts) may be retried, after
 * {@code retryAfter} when the provider said so; others (bad request, auth) will fail again.
 */
public class LanguageModelException extends RuntimeException {

    private final boolean transientFailure;
    private final Duration retryAfter;

    public LanguageModelException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public LanguageModelException(String message, boolean transientFailure) {
        this(message, transientFailure, null, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
