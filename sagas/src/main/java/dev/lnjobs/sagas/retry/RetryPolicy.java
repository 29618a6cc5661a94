package dev.lnjobs.sagas.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How a saga retries a failed step: {@code maxAttempts} in all, the first retry after {@code firstDelay}, each
 * next one after twice the last, each lengthened by up to {@code jitter} (a fraction: 0.2 is up to 20 %) so that
 * sagas that failed together do not retry together. The jitter is drawn from the saga's key and the attempt, so a
 * saga's delays are the same on every node and in every run.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double jitter) {

    /** 2^16 times the first delay at most: the attempts run out long before. */
    private static final int MAX_DOUBLINGS = 16;

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        if (firstDelay.isNegative() || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("need a first delay >= 0 and a jitter between 0 and 1");
        }
    }

    public static RetryPolicy withoutJitter(int maxAttempts, Duration firstDelay) {
        return new RetryPolicy(maxAttempts, firstDelay, 0);
    }

    /** After the {@code failedAttempts}-th failure in a row: the wait before the next attempt, or empty to give up. */
    public Optional<Duration> next(int failedAttempts, Failure failure, String key) {
        if (!failure.isTransient()) {
            return Optional.empty();
        }
        return nextEvenIfPermanent(failedAttempts, failure.retryAfter(), key);
    }

    /** As {@link #next}, for steps worth retrying whatever the failure (an idempotent deletion). */
    public Optional<Duration> nextEvenIfPermanent(int failedAttempts, Optional<Duration> retryAfter, String key) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(retryAfter.orElseGet(() -> delay(failedAttempts, key)));
    }

    /** The doubling delay after the {@code failedAttempts}-th failure, without jitter. */
    public Duration baseDelay(int failedAttempts) {
        return firstDelay.multipliedBy(1L << Math.min(Math.max(failedAttempts, 1) - 1, MAX_DOUBLINGS));
    }

    /** The base delay lengthened by the saga's share of the jitter: in [base, base × (1 + jitter)]. */
    public Duration delay(int failedAttempts, String key) {
        Duration base = baseDelay(failedAttempts);
        if (jitter == 0) {
            return base;
        }
        double share = new SplittableRandom(31L * Objects.hashCode(key) + failedAttempts).nextDouble();
        return base.plusMillis(Math.round(base.toMillis() * jitter * share));
    }
}
