package dev.lnjobs.query.ledger;

import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.AddressRefundFailed;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.query.job.JobChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cost ledger of each job ({@code job_cost_ledger}), built only from its events; its own processing group so
 * that it can be rebuilt from the event store (reset its token, replay) without touching any other read model.
 * Each event sets its columns with one upsert, so a replay needs no row to exist first.
 */
@Component
@ProcessingGroup(CostLedgerProjection.PROCESSING_GROUP)
public class CostLedgerProjection {

    public static final String PROCESSING_GROUP = "cost-ledger";

    private final JdbcTemplate jdbc;
    private final JobChanges changes;

    CostLedgerProjection(JdbcTemplate jdbc, JobChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(JobAccepted event, @SequenceNumber long version) {
        set(event.jobId(), version, "eval_input_tokens, eval_output_tokens",
                event.usage().inputTokens(), event.usage().outputTokens());
    }

    @EventHandler
    void on(WorkQuoted event, @SequenceNumber long version) {
        WorkQuote quote = event.quote();
        set(event.jobId(), version, "estimated_input_tokens, estimated_output_tokens, estimated_total_usd, "
                        + "infra_cost_usd, margin_pct, btc_price_usd, btc_price_source, work_amount_sats",
                quote.estimatedInputTokens(), quote.estimatedOutputTokens(), quote.totalUsd(), quote.infraCostUsd(),
                quote.tariff().originatorMarginPct(), quote.btcPrice().usd(),
                quote.btcPrice().source().name().toLowerCase(), quote.amountSats());
    }

    @EventHandler
    void on(JobSettled event, @SequenceNumber long version) {
        Settlement settlement = event.settlement();
        RefundState refund = settlement.refundAmountSats() > 0 ? RefundState.PENDING : RefundState.NOT_DUE;
        set(event.jobId(), version, "work_input_tokens, work_output_tokens, actual_anthropic_cost_usd, "
                        + "actual_amount_sats, refund_amount_sats, refund_state",
                settlement.workUsage().inputTokens(), settlement.workUsage().outputTokens(),
                settlement.actualCostUsd(), settlement.actualAmountSats(), settlement.refundAmountSats(),
                refund.name());
    }

    /** Paid work that failed for good: nothing of it earned, the whole work payment owed back. */
    @EventHandler
    void on(JobFailed event, @SequenceNumber long version) {
        PaidWorkRefund refund = event.refund();
        if (refund != null) {
            set(event.jobId(), version, "work_amount_sats, actual_amount_sats, refund_amount_sats, refund_state",
                    refund.workAmountSats(), 0L, refund.refundAmountSats(), RefundState.PENDING.name());
        }
    }

    /** A payment after the job stopped waiting for it: owed back whole. */
    @EventHandler
    void on(LatePaymentReceived event, @SequenceNumber long version) {
        set(event.jobId(), version, "refund_amount_sats, refund_state", event.refundAmountSats(),
                (event.refundAmountSats() > 0 ? RefundState.PENDING
                        : RefundState.NOT_DUE).name());
    }

    @EventHandler
    void on(RefundRequested event, @SequenceNumber long version) {
        set(event.jobId(), version, "refund_payment_hash, refund_state, refund_failure_reason",
                event.paymentHash(), RefundState.PENDING.name(), null);
    }

    @EventHandler
    void on(RefundPaid event, @SequenceNumber long version) {
        set(event.jobId(), version, "refund_state", RefundState.PAID.name());
    }

    @EventHandler
    void on(RefundFailed event, @SequenceNumber long version) {
        set(event.jobId(), version, "refund_state, refund_failure_reason", RefundState.FAILED.name(),
                event.reason());
    }

    /** The refund stays pending and claimable; the reason is shown until a claim is recorded. */
    @EventHandler
    void on(AddressRefundFailed event, @SequenceNumber long version) {
        set(event.jobId(), version, "refund_failure_reason", "the refund address " + event.refundAddress()
                + " could not be paid (" + event.reason() + "); claim the refund with the job's access token");
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM job_cost_ledger");
    }

    /** Sets the named columns (and the version) of the job's row, creating it if it is the first. */
    private void set(String jobId, long version, String columns, Object... values) {
        String[] names = Stream.concat(Arrays.stream(columns.split(",")).map(String::trim), Stream.of("version"))
                .toArray(String[]::new);
        Object[] arguments = new Object[values.length + 2];
        arguments[0] = jobId;
        System.arraycopy(values, 0, arguments, 1, values.length);
        arguments[values.length + 1] = version;
        jdbc.update("INSERT INTO job_cost_ledger (job_id, " + String.join(", ", names) + ") VALUES (?"
                + ", ?".repeat(names.length) + ") ON CONFLICT (job_id) DO UPDATE SET "
                + Arrays.stream(names).map(name -> name + " = EXCLUDED." + name).collect(Collectors.joining(", ")),
                arguments);
        changes.changed(jobId);
    }
}
