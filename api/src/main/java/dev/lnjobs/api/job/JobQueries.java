package dev.lnjobs.api.job;

import java.math.BigDecimal;
import java.time.Instant;

/** What the job read models hold: a job's view and its cost ledger. */
public final class JobQueries {

    private JobQueries() {
    }

    /** All figures of a job's price side by side: estimate, actual spend, what was paid and what is owed back. */
    public record CostLedgerView(String jobId, Long estimatedInputTokens, Long estimatedOutputTokens,
                                 Long evalInputTokens, Long evalOutputTokens, Long workInputTokens,
                                 Long workOutputTokens, BigDecimal estimatedTotalUsd, BigDecimal actualAnthropicCostUsd,
                                 BigDecimal infraCostUsd, BigDecimal marginPct, BigDecimal btcPriceUsd,
                                 String btcPriceSource, Long workAmountSats, Long actualAmountSats,
                                 Long refundAmountSats, RefundState refundState, String refundPaymentHash,
                                 String refundFailureReason) {
    }

    public record InvoiceView(String paymentHash, String paymentRequest, long amountSats, Instant expiresAt,
                              boolean paid) {
    }

    public record JobView(String jobId, JobState state, String request, InvoiceView evalInvoice,
                          InvoiceView workInvoice, String result, String reason, Instant createdAt,
                          Instant updatedAt) {
    }
}
