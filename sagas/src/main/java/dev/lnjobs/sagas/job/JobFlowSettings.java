package dev.lnjobs.sagas.job;

import dev.lnjobs.sagas.retry.RetryPolicy;

import java.time.Duration;

/**
 * How the job flow waits: invoice lifetime, and the bounded retries of transient failures (attempts in all,
 * doubling from {@code firstRetryDelay}, lengthened by up to {@code retryJitter}; see {@link RetryPolicy}).
 */
public record JobFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay,
                              double retryJitter) {

    public JobFlowSettings {
        new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter); // refuses what it cannot retry by
    }

    /** Without jitter. */
    public JobFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay) {
        this(invoiceExpiry, maxAttempts, firstRetryDelay, 0);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter);
    }

    /** The doubling delay without jitter (the refund's rechecks, which keep their own bound). */
    public Duration retryDelay(int failedAttempts) {
        return retryPolicy().baseDelay(failedAttempts);
    }
}
