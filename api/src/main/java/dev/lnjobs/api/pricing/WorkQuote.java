package dev.lnjobs.api.pricing;

import java.math.BigDecimal;

/**
 * A work price and every figure it was derived from, so that replaying the event can re-derive it.
 *
 * @param tier               short, medium or long, from the request's length
 * @param requestChars       length of the request text in characters
 * @param estimatedInputTokens  system prompt estimate plus the request's estimated tokens
 * @param estimatedOutputTokens the tier's output estimate
 * @param tokenCostUsd       estimated model spend
 * @param infraCostUsd       DO_MONTHLY_COST_USD / DO_MONTHLY_REQUEST_VOLUME
 * @param totalUsd           (token cost + infra) × (1 + margin%)
 * @param amountSats         totalUsd in sats at the BTC price, rounded up
 */
public record WorkQuote(String tier, int requestChars, long estimatedInputTokens, long estimatedOutputTokens,
                        BigDecimal tokenCostUsd, BigDecimal infraCostUsd, BigDecimal totalUsd, long amountSats,
                        BtcPrice btcPrice, Tariff tariff) {
}
