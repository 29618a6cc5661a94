package dev.lnjobs.sagas.session;

import java.time.Duration;

/**
 * How the session flow waits: invoice lifetime, and the bounded retries of transient failures (attempts in all,
 * doubling from {@code firstRetryDelay}).
 */
public record SessionFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay) {

    public SessionFlowSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
    }

    public Duration retryDelay(int failedAttempts) {
        return firstRetryDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }
}
