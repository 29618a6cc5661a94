package dev.lnjobs.api.pricing;

import dev.lnjobs.api.ai.TokenUsage;

import java.math.BigDecimal;

/**
 * A job re-priced from the tokens it actually used, at the BTC price locked when its work invoice was issued:
 * {@code actualAmountSats = ceil((actualCostUsd + infraCostUsd) × (1 + marginPct%) / btcPriceUsd × 1e8)},
 * {@code refundAmountSats = max(0, workAmountSats − actualAmountSats)}.
 */
public record Settlement(String evalModel, TokenUsage evalUsage, String workModel, TokenUsage workUsage,
                         BigDecimal evalCostUsd, BigDecimal workCostUsd, BigDecimal actualCostUsd,
                         BigDecimal infraCostUsd, BigDecimal marginPct, BigDecimal btcPriceUsd,
                         long workAmountSats, long actualAmountSats, long refundAmountSats) {
}
