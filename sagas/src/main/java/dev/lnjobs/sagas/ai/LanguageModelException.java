package dev.lnjobs.sagas.ai;

import dev.lnjobs.sagas.retry.PortException;

import java.time.Duration;

/**
 * The model provider failed. Transient failures (429, 529, 5xx, timeouts) may be retried, after
 * {@code retryAfter} when the provider said so; others (bad request, auth) will fail again.
 */
public class LanguageModelException extends PortException {

    public LanguageModelException(String message, boolean transientFailure, Duration retryAfter, Throwable cause) {
        super(message, transientFailure, retryAfter, cause);
    }

    public LanguageModelException(String message, boolean transientFailure) {
        this(message, transientFailure, null, null);
    }
}
