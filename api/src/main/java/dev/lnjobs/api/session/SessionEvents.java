package dev.lnjobs.api.session;

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

    public record SessionCreated(String sessionId, long depositSats, SessionTerms terms, Tariff tariff,
                                 Instant createdAt) {
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
}
