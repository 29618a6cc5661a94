package dev.lnjobs.query.ledger;

import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.FindCostLedger;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.WorkQuote;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * The cost ledger of each job, built only from its events; its own processing group so that it can be
 * rebuilt from the event store (reset its token, replay) without touching any other read model.
 */
@Component
@ProcessingGroup(CostLedgerProjection.PROCESSING_GROUP)
public class CostLedgerProjection {

    public static final String PROCESSING_GROUP = "cost-ledger";

    private final CostLedgerRepository ledgers;

    CostLedgerProjection(CostLedgerRepository ledgers) {
        this.ledgers = ledgers;
    }

    @EventHandler
    void on(JobAccepted event) {
        change(event.jobId(), ledger -> {
            ledger.evalInputTokens = event.usage().inputTokens();
            ledger.evalOutputTokens = event.usage().outputTokens();
        });
    }

    @EventHandler
    void on(WorkQuoted event) {
        WorkQuote quote = event.quote();
        change(event.jobId(), ledger -> {
            ledger.estimatedInputTokens = quote.estimatedInputTokens();
            ledger.estimatedOutputTokens = quote.estimatedOutputTokens();
            ledger.estimatedTotalUsd = quote.totalUsd();
            ledger.infraCostUsd = quote.infraCostUsd();
            ledger.marginPct = quote.tariff().originatorMarginPct();
            ledger.btcPriceUsd = quote.btcPrice().usd();
            ledger.btcPriceSource = quote.btcPrice().source().name().toLowerCase();
            ledger.workAmountSats = quote.amountSats();
        });
    }

    @EventHandler
    void on(JobSettled event) {
        Settlement settlement = event.settlement();
        change(event.jobId(), ledger -> {
            ledger.workInputTokens = settlement.workUsage().inputTokens();
            ledger.workOutputTokens = settlement.workUsage().outputTokens();
            ledger.actualAnthropicCostUsd = settlement.actualCostUsd();
            ledger.actualAmountSats = settlement.actualAmountSats();
            ledger.refundAmountSats = settlement.refundAmountSats();
            ledger.refundState = settlement.refundAmountSats() > 0 ? RefundState.PENDING : RefundState.NOT_DUE;
        });
    }

    @EventHandler
    void on(RefundRequested event) {
        change(event.jobId(), ledger -> {
            ledger.refundPaymentHash = event.paymentHash();
            ledger.refundState = RefundState.PENDING;
            ledger.refundFailureReason = null;
        });
    }

    @EventHandler
    void on(RefundPaid event) {
        change(event.jobId(), ledger -> ledger.refundState = RefundState.PAID);
    }

    @EventHandler
    void on(RefundFailed event) {
        change(event.jobId(), ledger -> {
            ledger.refundState = RefundState.FAILED;
            ledger.refundFailureReason = event.reason();
        });
    }

    @ResetHandler
    void reset() {
        ledgers.deleteAllInBatch();
    }

    @QueryHandler
    CostLedgerView handle(FindCostLedger query) {
        return ledgers.findById(query.jobId()).map(CostLedgerEntity::toView).orElse(null);
    }

    private void change(String jobId, Consumer<CostLedgerEntity> change) {
        CostLedgerEntity ledger = ledgers.findById(jobId).orElseGet(() -> {
            CostLedgerEntity created = new CostLedgerEntity();
            created.jobId = jobId;
            return created;
        });
        change.accept(ledger);
        ledgers.save(ledger);
    }
}
