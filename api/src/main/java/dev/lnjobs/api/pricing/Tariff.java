package dev.lnjobs.api.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Every tunable of the pricing table (the seed's environment names), recorded in each pricing event so that
 * an old price can be re-derived after the environment has changed.
 */
public record Tariff(
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
        String workModel) {

    public Tariff {
        Objects.requireNonNull(haikuInputCostPer1kTokens, "haikuInputCostPer1kTokens");
        Objects.requireNonNull(haikuOutputCostPer1kTokens, "haikuOutputCostPer1kTokens");
        Objects.requireNonNull(sonnetInputCostPer1kTokens, "sonnetInputCostPer1kTokens");
        Objects.requireNonNull(sonnetOutputCostPer1kTokens, "sonnetOutputCostPer1kTokens");
        Objects.requireNonNull(doMonthlyCostUsd, "doMonthlyCostUsd");
        Objects.requireNonNull(originatorMarginPct, "originatorMarginPct");
        Objects.requireNonNull(evalModel, "evalModel");
        Objects.requireNonNull(workModel, "workModel");
        if (evalFeeSats <= 0) {
            throw new IllegalArgumentException("EVAL_FEE_SATS must be positive");
        }
        if (shortMaxChars <= 0 || mediumMaxChars < shortMaxChars) {
            throw new IllegalArgumentException("need 0 < SHORT_MAX_CHARS <= MEDIUM_MAX_CHARS");
        }
        if (doMonthlyRequestVolume <= 0) {
            throw new IllegalArgumentException("DO_MONTHLY_REQUEST_VOLUME must be positive");
        }
    }

    /** The seed's defaults. */
    public static Tariff defaults() {
        return new Tariff(10, 100, 300,
                new BigDecimal("0.0008"), new BigDecimal("0.004"),
                new BigDecimal("0.003"), new BigDecimal("0.015"),
                new BigDecimal("100"), 1000, new BigDecimal("25"),
                200, 400, 800, 50,
                "claude-haiku-4-5", "claude-sonnet-4-6");
    }
}
