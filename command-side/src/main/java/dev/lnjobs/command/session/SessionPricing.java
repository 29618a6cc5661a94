package dev.lnjobs.command.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.command.pricing.PricingPolicy;

import java.math.BigDecimal;

/**
 * A session request's price by the seed's formula ({@link PricingPolicy}): evaluation tokens at the eval model's
 * rates, plus work tokens at the work model's rates, plus the infra share, with margin, in sats at a BTC price.
 */
final class SessionPricing {

    private SessionPricing() {
    }

    /**
     * What a request is reserved at before any model ran: the work as {@link PricingPolicy#quoteWork} estimates it,
     * and an evaluation reading the same input and answering at most the short tier's output.
     */
    static RequestCost estimate(String request, Tariff tariff, BtcPrice btcPrice) {
        return estimate(request, null, tariff, btcPrice);
    }

    /** The same, with the command's output cap (a compatible route's {@code max_tokens}) as the work's output. */
    static RequestCost estimate(ReserveFunds command, Tariff tariff) {
        return estimate(command.request(), command.maxOutputTokens(), tariff, command.btcPrice());
    }

    private static RequestCost estimate(String request, Long maxOutputTokens, Tariff tariff, BtcPrice btcPrice) {
        WorkQuote work = PricingPolicy.quoteWork(request, tariff, btcPrice);
        require(maxOutputTokens == null || maxOutputTokens > 0, "max output tokens must be positive");
        long output = maxOutputTokens != null ? maxOutputTokens : work.estimatedOutputTokens();
        TokenUsage evalUsage = new TokenUsage(work.estimatedInputTokens(), tariff.outputTokensShortEst());
        TokenUsage workUsage = new TokenUsage(work.estimatedInputTokens(), output);
        return price(tariff, evalUsage, workUsage, btcPrice);
    }

    /** The actual cost of a request that ended with {@code outcome}, from the token counts its models reported. */
    static RequestCost actual(RequestState outcome, TokenUsage evalUsage, TokenUsage workUsage, Tariff tariff,
                              BtcPrice btcPrice) {
        return switch (outcome) {
            case COMPLETE -> {
                require(evalUsage != null && workUsage != null, "a complete request reports the tokens of both models");
                yield completed(evalUsage, workUsage, tariff, btcPrice);
            }
            case REJECTED -> {
                require(evalUsage != null, "a rejected request reports the evaluation's tokens");
                yield rejected(evalUsage, tariff, btcPrice);
            }
            case FAILED -> failed(tariff, btcPrice);
            case RUNNING -> throw new SessionRuleViolation("a request is settled as complete, rejected or failed");
        };
    }

    /** Evaluation, work and infra, with margin. */
    static RequestCost completed(TokenUsage evalUsage, TokenUsage workUsage, Tariff tariff, BtcPrice btcPrice) {
        return price(tariff, evalUsage, workUsage, btcPrice);
    }

    /** The evaluation alone, with margin: no work ran, so no work tokens and no infra share. */
    static RequestCost rejected(TokenUsage evalUsage, Tariff tariff, BtcPrice btcPrice) {
        return price(tariff, evalUsage, null, btcPrice);
    }

    /** Nothing: the failure was ours. */
    static RequestCost failed(Tariff tariff, BtcPrice btcPrice) {
        return price(tariff, null, null, btcPrice);
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new SessionRuleViolation(message);
        }
    }

    private static RequestCost price(Tariff tariff, TokenUsage evalUsage, TokenUsage workUsage, BtcPrice btcPrice) {
        BigDecimal evalCost = evalUsage == null ? BigDecimal.ZERO
                : PricingPolicy.modelCostUsd(tariff.evalModel(), evalUsage, tariff);
        BigDecimal workCost = workUsage == null ? BigDecimal.ZERO
                : PricingPolicy.modelCostUsd(tariff.workModel(), workUsage, tariff);
        BigDecimal infra = workUsage == null ? BigDecimal.ZERO : PricingPolicy.infraCostUsd(tariff);
        BigDecimal total = PricingPolicy.withMargin(evalCost.add(workCost).add(infra), tariff);
        return new RequestCost(tariff.evalModel(), evalUsage, evalCost, tariff.workModel(), workUsage, workCost,
                infra, total, PricingPolicy.usdToSats(total, btcPrice.usd()), btcPrice);
    }
}
