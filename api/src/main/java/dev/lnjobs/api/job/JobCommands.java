package dev.lnjobs.api.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of the paid job flow. Each carries the time it is issued at: aggregates read no clock. */
public final class JobCommands {

    private JobCommands() {
    }

    /**
     * {@code refundAddress}: a Lightning Address the refund is paid to with no claim, or null. {@code evalInvoice}:
     * the evaluation invoice the creator already had the node make, recorded with the creation; null when the
     * creator could not get one, and the job's payment saga issues it (IssueEvalInvoice).
     */
    public record CreateJob(@TargetAggregateIdentifier String jobId, String request, Tariff tariff,
                            Instant requestedAt, String refundAddress, Invoice evalInvoice) {

        public CreateJob(String jobId, String request, Tariff tariff, Instant requestedAt) {
            this(jobId, request, tariff, requestedAt, null, null);
        }

        public CreateJob(String jobId, String request, Tariff tariff, Instant requestedAt, String refundAddress) {
            this(jobId, request, tariff, requestedAt, refundAddress, null);
        }
    }

    public record IssueEvalInvoice(@TargetAggregateIdentifier String jobId, Invoice invoice) {
    }

    /** A payment notice, from whichever source; the aggregate knows whether the hash is the eval or work one. */
    public record ConfirmInvoicePaid(@TargetAggregateIdentifier String jobId, String paymentHash, Instant paidAt) {
    }

    public record RecordEvaluation(@TargetAggregateIdentifier String jobId, boolean accepted, String reason,
                                   String model, TokenUsage usage) {
    }

    /** Prices the work at the given BTC price; the tariff is the one recorded when the job was created. */
    public record QuoteWork(@TargetAggregateIdentifier String jobId, BtcPrice btcPrice) {
    }

    public record IssueWorkInvoice(@TargetAggregateIdentifier String jobId, Invoice invoice) {
    }

    public record CompleteWork(@TargetAggregateIdentifier String jobId, String result, String model,
                               TokenUsage usage) {
    }

    /**
     * Answers the refund a claim must be for (sats), refused as {@link RequestRefund} would be; records nothing.
     * A claim's invoice is checked against this figure before its intent is recorded.
     */
    public record CheckRefundDue(@TargetAggregateIdentifier String jobId) {
    }

    /**
     * Records the intent to refund before anything is paid, so a crash can never lead to paying twice. A claim by
     * hand pays the whole refund ({@code feeReserveSats} 0, no address); a refund to the job's Lightning Address pays
     * {@code amountSats} = the refund less {@code feeReserveSats}, kept back for the routing fee.
     */
    public record RequestRefund(@TargetAggregateIdentifier String jobId, String bolt11, String paymentHash,
                                long amountSats, Instant requestedAt, String lightningAddress, long feeReserveSats) {

        public RequestRefund(String jobId, String bolt11, String paymentHash, long amountSats, Instant requestedAt) {
            this(jobId, bolt11, paymentHash, amountSats, requestedAt, null, 0);
        }
    }

    /** The job's refund address could not be paid for good; the refund stays claimable by hand. */
    public record RecordAddressRefundFailed(@TargetAggregateIdentifier String jobId, String refundAddress,
                                            String reason) {
    }

    public record RecordRefundPaid(@TargetAggregateIdentifier String jobId, String paymentHash, Instant paidAt) {
    }

    public record RecordRefundFailed(@TargetAggregateIdentifier String jobId, String paymentHash, String reason) {
    }

    /** The invoice's expiry has passed; ends the job unless the invoice was paid meanwhile. */
    public record ExpireJob(@TargetAggregateIdentifier String jobId, String paymentHash, Instant expiredAt) {
    }

    public record FailJob(@TargetAggregateIdentifier String jobId, String reason) {
    }
}
