package dev.lnjobs.query.ledger;

import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.RefundState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** One row per accepted job: its estimate, its actual cost, and its refund. */
@Entity
@Table(name = "job_cost_ledger")
class CostLedgerEntity {

    @Id
    @Column(name = "job_id")
    String jobId;
    Long estimatedInputTokens;
    Long estimatedOutputTokens;
    Long evalInputTokens;
    Long evalOutputTokens;
    Long workInputTokens;
    Long workOutputTokens;
    BigDecimal estimatedTotalUsd;
    BigDecimal actualAnthropicCostUsd;
    BigDecimal infraCostUsd;
    BigDecimal marginPct;
    BigDecimal btcPriceUsd;
    String btcPriceSource;
    Long workAmountSats;
    Long actualAmountSats;
    Long refundAmountSats;
    @Enumerated(EnumType.STRING)
    RefundState refundState;
    String refundPaymentHash;
    String refundFailureReason;

    CostLedgerView toView() {
        return new CostLedgerView(jobId, estimatedInputTokens, estimatedOutputTokens, evalInputTokens,
                evalOutputTokens, workInputTokens, workOutputTokens, estimatedTotalUsd, actualAnthropicCostUsd,
                infraCostUsd, marginPct, btcPriceUsd, btcPriceSource, workAmountSats, actualAmountSats,
                refundAmountSats, refundState, refundPaymentHash, refundFailureReason);
    }
}
