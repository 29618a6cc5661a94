package dev.lnjobs.sagas.pricing;

import java.time.Duration;

/** No price fit to quote in (production refuses the fallback): try again after {@link #retryAfter()}. */
public class PriceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public PriceUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
