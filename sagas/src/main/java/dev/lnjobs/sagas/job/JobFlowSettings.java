package dev.lnjobs.sagas.job;

import java.time.Duration;

/**
 * How the job flow waits: invoice lifetime, and the bounded retries of transient failures (attempts in all,
 * doubling from {@code firstRetryDelay}).
 */
public record JobFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay) {

    public JobFlowSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
    }

    public Duration retryDelay(int failedAttempts) {
        return firstRetryDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }
}
