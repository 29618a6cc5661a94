package dev.lnjobs.server.config;

import dev.lnjobs.api.pricing.Tariff;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The seed's pricing table, bound from its environment names in application.yml: the tariff (bound straight into
 * the {@link Tariff} the pricing events record, under {@code lnjobs.pricing.tariff}) and the BTC price feed's
 * settings: its fallback, cache window, and how long the last live price may stand in while CoinGecko fails
 * (btcPriceMaxAge).
 */
@ConfigurationProperties("lnjobs.pricing")
public record PricingProperties(
        Tariff tariff,
        BigDecimal btcPriceUsdFallback,
        String coingeckoUrl,
        Duration btcPriceCache,
        Duration btcPriceMaxAge,
        boolean offline) {
}
