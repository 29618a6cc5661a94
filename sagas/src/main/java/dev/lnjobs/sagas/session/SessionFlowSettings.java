package dev.lnjobs.sagas.session;

import dev.lnjobs.sagas.retry.RetryPolicy;

import java.time.Duration;

/**
 * How the session flow waits: invoice lifetime, and the bounded retries of transient failures (attempts in all,
 * doubling from {@code firstRetryDelay}, lengthened by up to {@code retryJitter}; see {@link RetryPolicy}).
 */
public record SessionFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay,
                                  double retryJitter) {

    public SessionFlowSettings {
        new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter); // refuses what it cannot retry by
    }

    /** Without jitter. */
    public SessionFlowSettings(Duration invoiceExpiry, int maxAttempts, Duration firstRetryDelay) {
        this(invoiceExpiry, maxAttempts, firstRetryDelay, 0);
    }

    /**
     * How long a streamed request's caller has to settle it before its saga releases the reservation: well past
     * the longest stream (two model calls, each bounded by its HTTP client's timeouts).
     */
    public Duration streamGuard() {
        return Duration.ofMinutes(15);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter);
    }
}
