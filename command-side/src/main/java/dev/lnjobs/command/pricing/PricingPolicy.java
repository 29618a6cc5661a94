package dev.lnjobs.command.pricing;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The seed's pricing formula, as a pure function of its recorded inputs:
 * {@code sats = ceil((token_cost + infra) × (1 + margin%) / btc_usd × 1e8)}.
 */
public final class PricingPolicy {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);
    /** Characters per token when estimating a request's input tokens before any model has seen it. */
    static final int CHARS_PER_TOKEN = 4;

    private PricingPolicy() {
    }

    public static WorkQuote quoteWork(String request, Tariff tariff, BtcPrice btcPrice) {
        int chars = request.length();
        String tier = chars <= tariff.shortMaxChars() ? "short" : chars <= tariff.mediumMaxChars() ? "medium" : "long";
        long outputTokens = switch (tier) {
            case "short" -> tariff.outputTokensShortEst();
            case "medium" -> tariff.outputTokensMediumEst();
            default -> tariff.outputTokensLongEst();
        };
        long inputTokens = tariff.workSystemPromptTokensEst() + ceilDiv(chars, CHARS_PER_TOKEN);
        BigDecimal tokenCost = modelCostUsd(tariff.workModel(), new TokenUsage(inputTokens, outputTokens), tariff);
        BigDecimal infra = infraCostUsd(tariff);
        BigDecimal total = withMargin(tokenCost.add(infra), tariff);
        return new WorkQuote(tier, chars, inputTokens, outputTokens, tokenCost, infra, total,
                usdToSats(total, btcPrice.usd()), btcPrice, tariff);
    }

    /**
     * Re-prices a job from its actual tokens (evaluation and work), with the infra share and margin of the tariff
     * recorded in the quote, at the BTC price locked in the quote.
     */
    public static Settlement settle(WorkQuote quote, String evalModel, TokenUsage evalUsage, String workModel,
                                    TokenUsage workUsage) {
        Tariff tariff = quote.tariff();
        BigDecimal evalCost = modelCostUsd(evalModel, evalUsage, tariff);
        BigDecimal workCost = modelCostUsd(workModel, workUsage, tariff);
        BigDecimal actualCost = evalCost.add(workCost);
        BigDecimal infra = infraCostUsd(tariff);
        BigDecimal btcPrice = quote.btcPrice().usd();
        long actualSats = usdToSats(withMargin(actualCost.add(infra), tariff), btcPrice);
        long refundSats = Math.max(0, quote.amountSats() - actualSats);
        return new Settlement(evalModel, evalUsage, workModel, workUsage, evalCost, workCost, actualCost, infra,
                tariff.originatorMarginPct(), btcPrice, quote.amountSats(), actualSats, refundSats);
    }

    /** Raw model spend: tokens at the per-1K rates of the model's family (haiku, otherwise sonnet). */
    public static BigDecimal modelCostUsd(String model, TokenUsage usage, Tariff tariff) {
        boolean haiku = model.toLowerCase().contains("haiku");
        BigDecimal inRate = haiku ? tariff.haikuInputCostPer1kTokens() : tariff.sonnetInputCostPer1kTokens();
        BigDecimal outRate = haiku ? tariff.haikuOutputCostPer1kTokens() : tariff.sonnetOutputCostPer1kTokens();
        return BigDecimal.valueOf(usage.inputTokens()).multiply(inRate)
                .add(BigDecimal.valueOf(usage.outputTokens()).multiply(outRate))
                .divide(THOUSAND);
    }

    /** The infrastructure share of one request: DO_MONTHLY_COST_USD / DO_MONTHLY_REQUEST_VOLUME. */
    public static BigDecimal infraCostUsd(Tariff tariff) {
        return tariff.doMonthlyCostUsd().divide(BigDecimal.valueOf(tariff.doMonthlyRequestVolume()),
                MathContext.DECIMAL128);
    }

    public static BigDecimal withMargin(BigDecimal costUsd, Tariff tariff) {
        return costUsd.multiply(BigDecimal.ONE.add(tariff.originatorMarginPct().divide(HUNDRED)));
    }

    /** USD to sats at the given price, always rounded up so the service never sells below cost. */
    public static long usdToSats(BigDecimal usd, BigDecimal btcPriceUsd) {
        return usd.multiply(SATS_PER_BTC)
                .divide(btcPriceUsd, MathContext.DECIMAL128)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
