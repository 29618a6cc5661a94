package dev.lnjobs.api.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A BTC/USD price and where it came from, recorded with every price it was used for. */
public record BtcPrice(BigDecimal usd, Source source, Instant observedAt) {

    /** LIVE: fetched just now; CACHED: fetched within the cache window; FALLBACK: the configured constant. */
    public enum Source { LIVE, CACHED, FALLBACK }

    public BtcPrice {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        if (usd.signum() <= 0) {
            throw new IllegalArgumentException("BTC price must be positive, not " + usd);
        }
    }
}
