package dev.lnjobs.api.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A BTC/USD price and where it came from, recorded with every price it was used for.
 *
 * @param observedAt when the price was fetched (for FALLBACK: when it was quoted)
 * @param ageSeconds how old the price was when it was quoted; 0 for LIVE and FALLBACK (and in events recorded
 *                   before the age was)
 */
public record BtcPrice(BigDecimal usd, Source source, Instant observedAt, long ageSeconds) {

    /**
     * LIVE: fetched just now; CACHED: the last live price, fetched within the cache window or, while CoinGecko
     * fails, younger than BTC_PRICE_MAX_AGE_SECONDS; FALLBACK: the configured constant.
     */
    public enum Source { LIVE, CACHED, FALLBACK }

    @JsonCreator
    public BtcPrice {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        if (usd.signum() <= 0) {
            throw new IllegalArgumentException("BTC price must be positive, not " + usd);
        }
        if (ageSeconds < 0) {
            throw new IllegalArgumentException("a price's age cannot be negative: " + ageSeconds);
        }
    }

    /** A price quoted as it was observed, with no age. */
    public BtcPrice(BigDecimal usd, Source source, Instant observedAt) {
        this(usd, source, observedAt, 0);
    }
}
