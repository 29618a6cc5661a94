package dev.lnjobs.api.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;

import java.math.BigDecimal;

/**
 * What one request costs and every figure it was derived from: an estimate before the models run, or the actual
 * cost after. {@code totalUsd = (evalCostUsd + workCostUsd + infraCostUsd) × (1 + margin%)};
 * {@code amountSats} is that total at {@code btcPrice}, rounded up. A rejected request has no work usage and no
 * infra share; a failed one costs nothing.
 */
public record RequestCost(String evalModel, TokenUsage evalUsage, BigDecimal evalCostUsd,
                          String workModel, TokenUsage workUsage, BigDecimal workCostUsd,
                          BigDecimal infraCostUsd, BigDecimal totalUsd, long amountSats, BtcPrice btcPrice) {

    public RequestCost {
        if (amountSats < 0) {
            throw new IllegalArgumentException("a cost cannot be negative");
        }
    }
}
