package dev.lnjobs.api.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/** Commands of pre-funded sessions. Each carries the time it is issued at: aggregates read no clock. */
public final class SessionCommands {

    private SessionCommands() {
    }

    /** The terms and tariff in force are captured here; the session keeps them for its whole life. */
    /** {@code refundAddress}: a Lightning Address the remaining balance is paid to when the session ends, or null. */
    public record CreateSession(@TargetAggregateIdentifier String sessionId, long depositSats, SessionTerms terms,
                                Tariff tariff, Instant requestedAt, String refundAddress) {

        public CreateSession(String sessionId, long depositSats, SessionTerms terms, Tariff tariff,
                             Instant requestedAt) {
            this(sessionId, depositSats, terms, tariff, requestedAt, null);
        }
    }

    public record IssueDepositInvoice(@TargetAggregateIdentifier String sessionId, Invoice invoice) {
    }

    /** A payment notice, from whichever source; the aggregate knows whether the hash is the deposit or a top-up. */
    public record ConfirmSessionPayment(@TargetAggregateIdentifier String sessionId, String paymentHash,
                                        Instant paidAt) {
    }

    public record RequestTopUp(@TargetAggregateIdentifier String sessionId, String topUpId, long amountSats,
                               Instant requestedAt) {
    }

    public record IssueTopUpInvoice(@TargetAggregateIdentifier String sessionId, String topUpId, Invoice invoice) {
    }

    public record FailTopUp(@TargetAggregateIdentifier String sessionId, String topUpId, String reason) {
    }

    /**
     * Holds an estimate of the request's cost, priced at {@code btcPrice}, before any model runs. {@code
     * maxOutputTokens}, when given (a compatible route's {@code max_tokens}), is the work output the estimate
     * reserves for instead of the request's tier; {@code streamed} says the caller runs the models itself and
     * settles (a streaming answer), so the request's saga only stands guard over the reservation.
     */
    public record ReserveFunds(@TargetAggregateIdentifier String sessionId, String requestId, String request,
                               BtcPrice btcPrice, Instant requestedAt, Long maxOutputTokens, boolean streamed) {

        public ReserveFunds(String sessionId, String requestId, String request, BtcPrice btcPrice,
                            Instant requestedAt) {
            this(sessionId, requestId, request, btcPrice, requestedAt, null, false);
        }
    }

    /**
     * Debits the actual cost of a request, priced at {@code btcPrice}, and releases the rest of its reservation.
     * {@code workUsage} is null unless the work ran; {@code evalUsage} is null when the evaluation never finished.
     */
    public record SettleRequest(@TargetAggregateIdentifier String sessionId, String requestId, RequestState outcome,
                                String result, String reason, TokenUsage evalUsage, TokenUsage workUsage,
                                BtcPrice btcPrice, Instant settledAt) {
    }

    /** The expiry deadline fired; {@code dueAt} is the expiry it was scheduled for, which a request may have moved. */
    public record ExpireSession(@TargetAggregateIdentifier String sessionId, Instant dueAt) {
    }

    /** No deposit invoice could be issued; the session ends before it began. */
    public record AbandonSession(@TargetAggregateIdentifier String sessionId, String reason) {
    }

    /**
     * Answers the sats a withdrawal may take now (the balance not held by running requests), refusing as
     * {@link RequestWithdrawal} would, and refusing a balance no larger than {@code minimumFeeReserveSats} (nothing
     * would be left to pay). An expired session stays withdrawable for {@code withdrawWindow}.
     */
    public record CheckWithdrawal(@TargetAggregateIdentifier String sessionId, Duration withdrawWindow,
                                  long minimumFeeReserveSats, Instant requestedAt) {
    }

    /** Takes {@code amountSats + feeReserveSats}, which must be the whole available balance, into escrow. */
    public record RequestWithdrawal(@TargetAggregateIdentifier String sessionId, String withdrawalId,
                                    String destination, String bolt11, String paymentHash, long amountSats,
                                    long feeReserveSats, Duration withdrawWindow, Instant requestedAt) {
    }

    /** The node reported the withdrawal's payment settled, with the routing fee it reported (null when unknown). */
    public record RecordWithdrawalPaid(@TargetAggregateIdentifier String sessionId, String withdrawalId,
                                       String paymentHash, Long feeSats, Instant paidAt) {
    }

    /** The node reported the withdrawal's payment failed: the escrow goes back to the balance. */
    public record RecordWithdrawalFailed(@TargetAggregateIdentifier String sessionId, String withdrawalId,
                                         String paymentHash, String reason) {
    }

    /** The session's refund address failed for good for its automatic withdrawal; the balance stays where it is. */
    public record RecordAddressWithdrawalFailed(@TargetAggregateIdentifier String sessionId, String withdrawalId,
                                                String refundAddress, String reason) {
    }
}
