package dev.lnjobs.infra.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.BtcPrice.Source;
import dev.lnjobs.infra.http.HttpClients;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * BTC/USD from CoinGecko's simple price endpoint, cached for a window. While CoinGecko fails it answers the last
 * live price (CACHED, with its age) as long as that is younger than the max age; past that the configured fallback,
 * with a warning, or, when refusing stale prices (production), {@link PriceUnavailableException} for quotes.
 * {@link #fallbackOnly} makes one that never touches the network.
 */
public class CoinGeckoPriceFeed implements PriceFeed {

    private static final Logger log = LoggerFactory.getLogger(CoinGeckoPriceFeed.class);

    public static final String DEFAULT_BASE_URL = "https://api.coingecko.com";
    public static final Duration DEFAULT_CACHE_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

    private final HttpUrl priceUrl;
    private final OkHttpClient http;
    private final ObjectReader exactNumbers;
    private final BigDecimal fallbackUsd;
    private final Duration cacheWindow;
    private final Duration maxAge;
    private final boolean refuseFallback;
    private final Clock clock;

    // guarded by this: one fetch at a time, so a burst of quotes costs CoinGecko one request
    private BtcPrice lastLive;
    private Instant lastFailureAt;
    private boolean failing;
    private boolean warnedFallback;

    public CoinGeckoPriceFeed(String baseUrl, OkHttpClient http, ObjectMapper json, BigDecimal fallbackUsd,
                              Duration cacheWindow, Clock clock) {
        this(baseUrl, http, json, fallbackUsd, cacheWindow, DEFAULT_MAX_AGE, false, clock);
    }

    /**
     * @param maxAge         how long the last live price may stand in for CoinGecko while it fails
     * @param refuseFallback true in production: a quote past the max age throws rather than use the fallback
     */
    public CoinGeckoPriceFeed(String baseUrl, OkHttpClient http, ObjectMapper json, BigDecimal fallbackUsd,
                              Duration cacheWindow, Duration maxAge, boolean refuseFallback, Clock clock) {
        this.priceUrl = HttpClients.endpoint(baseUrl, "api/v3/simple/price").newBuilder()
                .addQueryParameter("ids", "bitcoin")
                .addQueryParameter("vs_currencies", "usd")
                .build();
        this.http = Objects.requireNonNull(http, "http");
        // prices stay BigDecimal exactly as written: never through double, no trailing zeros stripped
        this.exactNumbers = json.readerFor(JsonNode.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.fallbackUsd = requirePositive(fallbackUsd);
        if (cacheWindow.isNegative()) {
            throw new IllegalArgumentException("cache window cannot be negative: " + cacheWindow);
        }
        this.cacheWindow = cacheWindow;
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max age cannot be negative: " + maxAge);
        }
        this.maxAge = maxAge;
        this.refuseFallback = refuseFallback;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private CoinGeckoPriceFeed(BigDecimal fallbackUsd, Clock clock) {
        this.priceUrl = null;
        this.http = null;
        this.exactNumbers = null;
        this.fallbackUsd = requirePositive(fallbackUsd);
        this.cacheWindow = Duration.ZERO;
        this.maxAge = Duration.ZERO;
        this.refuseFallback = false;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Offline mode (stub runs, tests): always the fallback price, source FALLBACK, no network at all. */
    public static CoinGeckoPriceFeed fallbackOnly(BigDecimal fallbackUsd, Clock clock) {
        CoinGeckoPriceFeed feed = new CoinGeckoPriceFeed(fallbackUsd, clock);
        log.info("Price feed offline: quoting the fallback BTC price {} USD", fallbackUsd.toPlainString());
        return feed;
    }

    @Override
    public BtcPrice currentPrice() {
        return price(refuseFallback);
    }

    @Override
    public BtcPrice settlementPrice() {
        return price(false);
    }

    private BtcPrice price(boolean refuse) {
        if (priceUrl == null) {
            return new BtcPrice(fallbackUsd, Source.FALLBACK, clock.instant());
        }
        synchronized (this) {
            Instant now = clock.instant();
            BtcPrice price = cachedOrFetched(now);
            return price != null ? price : fallback(now, refuse);
        }
    }

    /** The live or cached price, or null when only the fallback is left. */
    private BtcPrice cachedOrFetched(Instant now) {
        if (lastLive != null && now.isBefore(lastLive.observedAt().plus(cacheWindow))) {
            return cached(now);
        }
        // after a failure wait out the window too, so a rate-limited CoinGecko is not hammered by every quote
        if (lastFailureAt != null && now.isBefore(lastFailureAt.plus(cacheWindow))) {
            return youngEnough(now) ? cached(now) : null;
        }
        try {
            lastLive = new BtcPrice(fetchUsd(), Source.LIVE, now);
            lastFailureAt = null;
            if (failing) {
                failing = false;
                log.info("CoinGecko BTC price available again: {} USD", lastLive.usd().toPlainString());
            }
            return lastLive;
        } catch (IOException | RuntimeException e) {
            lastFailureAt = now;
            boolean young = youngEnough(now);
            if (!failing) {
                failing = true;
                warnedFallback = !young;
                log.warn("CoinGecko BTC price unavailable ({}); {}", reason(e), young
                        ? "quoting the last live price " + lastLive.usd().toPlainString() + " USD of "
                        + lastLive.observedAt() + " until it is older than " + maxAge
                        : whatTheFallbackMeans());
            }
            return young ? cached(now) : null;
        }
    }

    private BtcPrice fallback(Instant now, boolean refuse) {
        if (!warnedFallback) {
            warnedFallback = true;
            log.warn("The last live BTC price is older than {}; {}", maxAge, whatTheFallbackMeans());
        }
        if (refuse) {
            Duration retryAfter = Duration.between(now, lastFailureAt.plus(cacheWindow));
            throw new PriceUnavailableException("no live BTC price younger than " + maxAge.toSeconds()
                    + " s; quotes resume when CoinGecko answers", retryAfter.isNegative() || retryAfter.isZero()
                    ? Duration.ofSeconds(1) : retryAfter);
        }
        return new BtcPrice(fallbackUsd, Source.FALLBACK, now);
    }

    private String whatTheFallbackMeans() {
        return refuseFallback ? "refusing to quote (no sale at a guessed price) until it recovers"
                : "quoting the fallback " + fallbackUsd.toPlainString() + " USD until it recovers";
    }

    private boolean youngEnough(Instant now) {
        return lastLive != null && now.isBefore(lastLive.observedAt().plus(maxAge));
    }

    private BtcPrice cached(Instant now) {
        long age = Math.max(0, Duration.between(lastLive.observedAt(), now).toSeconds());
        return new BtcPrice(lastLive.usd(), Source.CACHED, lastLive.observedAt(), age);
    }

    private BigDecimal fetchUsd() throws IOException {
        Request request = new Request.Builder().url(priceUrl).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            JsonNode usd = exactNumbers.readTree(response.body().string()).path("bitcoin").path("usd");
            if (!usd.isNumber()) {
                throw new IOException("no numeric bitcoin.usd in the answer");
            }
            BigDecimal price = usd.decimalValue();
            if (price.signum() <= 0) {
                throw new IOException("non-positive price " + price.toPlainString());
            }
            return price;
        }
    }

    private static String reason(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static BigDecimal requirePositive(BigDecimal fallbackUsd) {
        if (fallbackUsd == null || fallbackUsd.signum() <= 0) {
            throw new IllegalArgumentException("the fallback BTC price must be positive, not " + fallbackUsd);
        }
        return fallbackUsd;
    }
}
