package dev.lnjobs.server.config;

import dev.lnjobs.api.pricing.Tariff;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The seed's pricing table, bound from its environment names in application.yml, and the BTC price feed's: its
 * fallback, cache window, and how long the last live price may stand in while CoinGecko fails (btcPriceMaxAge).
 */
@ConfigurationProperties("lnjobs.pricing")
public record PricingProperties(
        long evalFeeSats,
        int shortMaxChars,
        int mediumMaxChars,
        BigDecimal haikuInputCostPer1kTokens,
        BigDecimal haikuOutputCostPer1kTokens,
        BigDecimal sonnetInputCostPer1kTokens,
        BigDecimal sonnetOutputCostPer1kTokens,
        BigDecimal doMonthlyCostUsd,
        long doMonthlyRequestVolume,
        BigDecimal originatorMarginPct,
        int outputTokensShortEst,
        int outputTokensMediumEst,
        int outputTokensLongEst,
        int workSystemPromptTokensEst,
        String evalModel,
        String workModel,
        BigDecimal btcPriceUsdFallback,
        String coingeckoUrl,
        Duration btcPriceCache,
        Duration btcPriceMaxAge,
        boolean offline) {

    public Tariff tariff() {
        return new Tariff(evalFeeSats, shortMaxChars, mediumMaxChars,
                haikuInputCostPer1kTokens, haikuOutputCostPer1kTokens,
                sonnetInputCostPer1kTokens, sonnetOutputCostPer1kTokens,
                doMonthlyCostUsd, doMonthlyRequestVolume, originatorMarginPct,
                outputTokensShortEst, outputTokensMediumEst, outputTokensLongEst, workSystemPromptTokensEst,
                evalModel, workModel);
    }
}
