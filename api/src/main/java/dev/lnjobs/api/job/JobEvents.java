package dev.lnjobs.api.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;

import java.time.Instant;

/** Events of the paid job flow; each carries every input the decision it records was made from. */
public final class JobEvents {

    private JobEvents() {
    }

    /**
     * The tariff in force is captured here, so a later change of environment does not change this job's prices.
     * {@code refundAddress} is the Lightning Address a refund is paid to without a claim (null: none, and in every
     * event recorded before it existed). {@code evalInvoiceIncluded}: the evaluation invoice came with the creation,
     * recorded by the {@link EvalInvoiceIssued} applied right after this event; false (and in every event recorded
     * before it existed) when the job's payment saga is to issue it.
     */
    public record JobCreated(String jobId, String request, Tariff tariff, Instant createdAt, String refundAddress,
                             boolean evalInvoiceIncluded) {

        @JsonCreator
        public JobCreated {
        }

        public JobCreated(String jobId, String request, Tariff tariff, Instant createdAt) {
            this(jobId, request, tariff, createdAt, null, false);
        }

        public JobCreated(String jobId, String request, Tariff tariff, Instant createdAt, String refundAddress) {
            this(jobId, request, tariff, createdAt, refundAddress, false);
        }
    }

    public record EvalInvoiceIssued(String jobId, Invoice invoice) {
    }

    /**
     * Created by the creation when the node could not make the evaluation invoice: the job's payment saga starts on it
     * and issues the invoice (earlier versions started the saga on every {@link JobCreated} instead).
     */
    public record EvalInvoiceRequested(String jobId, long amountSats) {
    }

    /**
     * {@code request}, {@code evalModel} and {@code workModel} are what the evaluation and the work that follow it
     * use: the job's payment saga starts on this event (when no {@link EvalInvoiceRequested} started it) and needs
     * nothing else. Null in the events recorded before they were carried, whose sagas started on the creation.
     */
    public record EvalInvoicePaid(String jobId, String paymentHash, long amountSats, Instant paidAt, String request,
                                  String evalModel, String workModel) {

        @JsonCreator
        public EvalInvoicePaid {
        }

        public EvalInvoicePaid(String jobId, String paymentHash, long amountSats, Instant paidAt) {
            this(jobId, paymentHash, amountSats, paidAt, null, null, null);
        }
    }

    public record JobAccepted(String jobId, String reason, String model, TokenUsage usage) {
    }

    public record JobRejected(String jobId, String reason, String model, TokenUsage usage) {
    }

    public record WorkQuoted(String jobId, WorkQuote quote) {
    }

    public record WorkInvoiceIssued(String jobId, Invoice invoice) {
    }

    public record WorkInvoicePaid(String jobId, String paymentHash, long amountSats, Instant paidAt) {
    }

    public record WorkCompleted(String jobId, String result, String model, TokenUsage usage) {
    }

    /** The job re-priced from its actual tokens, applied together with {@link WorkCompleted}. */
    public record JobSettled(String jobId, Settlement settlement) {
    }

    /**
     * The intent to pay {@code amountSats} to {@code bolt11}. To the job's refund address ({@code lightningAddress},
     * null for a claim by hand) it is the refund less {@code feeReserveSats}, the most its routing may cost (0 for a
     * claim, and in events recorded before addresses existed).
     */
    public record RefundRequested(String jobId, String bolt11, String paymentHash, long amountSats,
                                  Instant requestedAt, String lightningAddress, long feeReserveSats) {

        @JsonCreator
        public RefundRequested {
        }

        public RefundRequested(String jobId, String bolt11, String paymentHash, long amountSats, Instant requestedAt) {
            this(jobId, bolt11, paymentHash, amountSats, requestedAt, null, 0);
        }
    }

    /** The settled job owes {@code amountSats} and has a refund address: it is paid there with no claim. */
    public record AddressRefundDue(String jobId, String refundAddress, long amountSats) {
    }

    /** The refund address failed for good (refused, unreachable, too small for the fee reserve); still claimable. */
    public record AddressRefundFailed(String jobId, String refundAddress, String reason) {
    }

    public record RefundPaid(String jobId, String paymentHash, long amountSats, Instant paidAt) {
    }

    public record RefundFailed(String jobId, String paymentHash, String reason) {
    }

    public record JobExpired(String jobId, String paymentHash, JobState expiredIn, Instant expiredAt) {
    }

    /**
     * The job ended without its work done. A job that fails after its work invoice was paid gives that payment back
     * whole: {@code refund} names the payment it was derived from (null when nothing paid for the work).
     */
    public record JobFailed(String jobId, String reason, JobState failedIn, PaidWorkRefund refund) {

        public JobFailed(String jobId, String reason, JobState failedIn) {
            this(jobId, reason, failedIn, null);
        }
    }

    /** The work payment a failed job owes back: none of the work amount was earned, so all of it is refundable. */
    public record PaidWorkRefund(String workPaymentHash, long workAmountSats, long refundAmountSats) {
    }

    /**
     * A payment the node reports for an invoice of this job after the job stopped waiting for it (expired, failed):
     * it bought nothing, so all of it is refundable. {@code arrivedIn} is the job's state when it was confirmed.
     */
    public record LatePaymentReceived(String jobId, String paymentHash, long amountSats, Instant paidAt,
                                      JobState arrivedIn, long refundAmountSats) {
    }
}
