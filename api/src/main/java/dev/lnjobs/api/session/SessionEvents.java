package dev.lnjobs.api.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;

import java.time.Instant;

/**
 * Events of pre-funded sessions; each carries every input of the decision it records, and the balance after it.
 * No event carries a bearer token: tokens are minted from the root key on demand and never stored.
 */
public final class SessionEvents {

    private SessionEvents() {
    }

    /** {@code refundAddress}: where the balance goes when the session ends (null: none, and in older events). */
    public record SessionCreated(String sessionId, long depositSats, SessionTerms terms, Tariff tariff,
                                 Instant createdAt, String refundAddress) {

        @JsonCreator
        public SessionCreated {
        }

        public SessionCreated(String sessionId, long depositSats, SessionTerms terms, Tariff tariff,
                              Instant createdAt) {
            this(sessionId, depositSats, terms, tariff, createdAt, null);
        }
    }

    public record DepositInvoiceIssued(String sessionId, Invoice invoice) {
    }

    public record DepositPaid(String sessionId, String paymentHash, long amountSats, long balanceSats,
                              Instant paidAt) {
    }

    /** Usable: on the deposit, or again after a top-up lifted a paused balance to the minimum. */
    public record SessionActivated(String sessionId, long balanceSats, Instant expiresAt) {
    }

    public record SessionPaused(String sessionId, long balanceSats, long minimumBalanceSats) {
    }

    public record TopUpRequested(String sessionId, String topUpId, long amountSats, Instant requestedAt) {
    }

    public record TopUpInvoiceIssued(String sessionId, String topUpId, Invoice invoice) {
    }

    public record TopUpFailed(String sessionId, String topUpId, String reason) {
    }

    public record TopUpPaid(String sessionId, String topUpId, String paymentHash, long amountSats,
                            long balanceSats, Instant paidAt) {
    }

    /** {@code reservedSats} is held from the balance until the request is settled. */
    /** {@code streamed}: the caller runs the models and settles (false in events recorded before it existed). */
    public record FundsReserved(String sessionId, String requestId, String request, RequestCost estimate,
                                long reservedSats, Instant requestedAt, boolean streamed) {

        public FundsReserved(String sessionId, String requestId, String request, RequestCost estimate,
                             long reservedSats, Instant requestedAt) {
            this(sessionId, requestId, request, estimate, reservedSats, requestedAt, false);
        }
    }

    /**
     * {@code debitedSats} = min(actual cost, balance not reserved for other requests); whatever of the actual cost
     * that cap left unpaid is {@code uncollectedSats}. {@code expiresAt} is the session's expiry after this request.
     */
    public record RequestSettled(String sessionId, String requestId, RequestState outcome, String result,
                                 String reason, RequestCost cost, long reservedSats, long debitedSats,
                                 long uncollectedSats, long balanceSats, Instant expiresAt, Instant settledAt) {
    }

    public record SessionExpired(String sessionId, long balanceSats, String reason) {
    }

    /** A withdrawal's events: each states the session's balance after it; the session is closed from the first. */
    public sealed interface WithdrawalEvent permits WithdrawalRequested, WithdrawalPaid, WithdrawalFailed {
        String sessionId();

        String withdrawalId();

        long balanceSats();
    }

    /**
     * {@code availableSats} (the balance not held by running requests) went into escrow: {@code amountSats} to pay
     * to {@code bolt11} and {@code feeReserveSats} for its routing fee, which is also the fee cap.
     * {@code destination} is {@code invoice}, {@code lnurl} or the Lightning Address paid.
     */
    public record WithdrawalRequested(String sessionId, String withdrawalId, String destination, String bolt11,
                                      String paymentHash, long availableSats, long amountSats, long feeReserveSats,
                                      long balanceSats, Instant requestedAt) implements WithdrawalEvent {
    }

    /**
     * The node reported the payment settled: {@code feeSats} is the fee it reported (null when unknown, then the
     * whole reserve counts as spent), {@code feeChargedSats} what of the reserve the fee used, and the rest
     * ({@code reserveReturnedSats}) went back to the balance.
     */
    public record WithdrawalPaid(String sessionId, String withdrawalId, String paymentHash, long amountSats,
                                 Long feeSats, long feeChargedSats, long reserveReturnedSats, long balanceSats,
                                 Instant paidAt) implements WithdrawalEvent {
    }

    /** The node reported the payment failed: the whole escrow ({@code restoredSats}) went back to the balance. */
    public record WithdrawalFailed(String sessionId, String withdrawalId, String paymentHash, String reason,
                                   long restoredSats, long balanceSats) implements WithdrawalEvent {
    }

    /**
     * The session expired with {@code availableSats} withdrawable and a refund address: that balance is paid there
     * as withdrawal {@code withdrawalId}, with no claim (the address is asked for an invoice, then the intent is
     * recorded as {@link WithdrawalRequested}). No money moves with this event.
     */
    public record AddressWithdrawalDue(String sessionId, String withdrawalId, String refundAddress, long availableSats,
                                       Instant dueAt) {
    }

    /** The refund address gave nothing to pay, for good: the balance stays withdrawable by hand. */
    public record AddressWithdrawalFailed(String sessionId, String withdrawalId, String refundAddress,
                                          String reason) {
    }
}
