package dev.lnjobs.server.demo;

import java.time.Duration;

/** Too many requests; mapped to 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter, int perHour) {
        super("the free demo allows " + perHour + " requests per hour per client; try again later");
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
