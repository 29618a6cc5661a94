package dev.lnjobs.api.session;

import java.time.Instant;

/** Queries the session read models answer. */
public final class SessionQueries {

    private SessionQueries() {
    }

    /** Answers a {@link SessionView}, or null when no such session exists. */
    public record FindSession(String sessionId) {
    }

    /** Answers a {@link SessionRequestView}, or null when no such request was reserved. */
    public record FindSessionRequest(String requestId) {
    }

    public record InvoiceView(String paymentHash, String paymentRequest, long amountSats, Instant expiresAt,
                              boolean paid) {
    }

    /** The latest top-up; {@code invoice} is null until issued, {@code failure} set when it could not be. */
    public record TopUpView(String topUpId, long amountSats, InvoiceView invoice, String failure) {
    }

    /** {@code refundAddress}: the Lightning Address the session was opened with, where its balance is to go. */
    public record SessionView(String sessionId, SessionState state, long depositSats, long balanceSats,
                              long reservedSats, long minimumBalanceSats, long debitedTotalSats, int requestCount,
                              Instant expiresAt, InvoiceView depositInvoice, TopUpView topUp, String expiryReason,
                              Instant createdAt, Instant updatedAt, String refundAddress) {

        public SessionView(String sessionId, SessionState state, long depositSats, long balanceSats,
                           long reservedSats, long minimumBalanceSats, long debitedTotalSats, int requestCount,
                           Instant expiresAt, InvoiceView depositInvoice, TopUpView topUp, String expiryReason,
                           Instant createdAt, Instant updatedAt) {
            this(sessionId, state, depositSats, balanceSats, reservedSats, minimumBalanceSats, debitedTotalSats,
                    requestCount, expiresAt, depositInvoice, topUp, expiryReason, createdAt, updatedAt, null);
        }
    }

    /** One request and its cost accounting; {@code cost} and the sats after it are null while it runs. */
    public record SessionRequestView(String requestId, String sessionId, RequestState state, String request,
                                     String result, String reason, long estimatedSats, long reservedSats,
                                     RequestCost cost, Long debitedSats, Long uncollectedSats, Long balanceSats,
                                     Instant createdAt, Instant settledAt) {
    }
}
