package dev.lnjobs.server.limits;

import java.time.Duration;

/** Too many requests; mapped to 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter, String detail) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** Whole seconds, rounded up, at least one: what Retry-After carries. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
