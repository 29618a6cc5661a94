package dev.lnjobs.query.session;

import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.session.SessionQueries.InvoiceView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per session: what {@code GET /api/sessions/{id}} shows, bearer token aside (it is never stored). */
@Entity
@Table(name = "session_view")
class SessionEntity {

    @Id
    @Column(name = "session_id")
    String sessionId;
    @Enumerated(EnumType.STRING)
    SessionState state;
    long depositSats;
    long balanceSats;
    long reservedSats;
    long minimumBalanceSats;
    long debitedTotalSats;
    int requestCount;
    Instant expiresAt;
    String depositPaymentHash;
    String depositPaymentRequest;
    Long depositAmountSats;
    Instant depositExpiresAt;
    boolean depositPaid;
    String topupId;
    Long topupAmountSats;
    String topupPaymentHash;
    String topupPaymentRequest;
    Instant topupExpiresAt;
    boolean topupPaid;
    String topupFailure;
    String expiryReason;
    String refundAddress;
    Instant createdAt;
    Instant updatedAt;

    void depositInvoice(Invoice invoice) {
        depositPaymentHash = invoice.paymentHash();
        depositPaymentRequest = invoice.paymentRequest();
        depositAmountSats = invoice.amountSats();
        depositExpiresAt = invoice.expiresAt();
    }

    void newTopUp(String topUpId, long amountSats) {
        topupId = topUpId;
        topupAmountSats = amountSats;
        topupPaymentHash = null;
        topupPaymentRequest = null;
        topupExpiresAt = null;
        topupPaid = false;
        topupFailure = null;
    }

    void topUpInvoice(Invoice invoice) {
        topupPaymentHash = invoice.paymentHash();
        topupPaymentRequest = invoice.paymentRequest();
        topupExpiresAt = invoice.expiresAt();
    }

    SessionView toView() {
        InvoiceView deposit = depositPaymentHash == null ? null : new InvoiceView(depositPaymentHash,
                depositPaymentRequest, depositAmountSats, depositExpiresAt, depositPaid);
        TopUpView topUp = topupId == null ? null : new TopUpView(topupId, topupAmountSats,
                topupPaymentHash == null ? null : new InvoiceView(topupPaymentHash, topupPaymentRequest,
                        topupAmountSats, topupExpiresAt, topupPaid),
                topupFailure);
        return new SessionView(sessionId, state, depositSats, balanceSats, reservedSats, minimumBalanceSats,
                debitedTotalSats, requestCount, expiresAt, deposit, topUp, expiryReason, createdAt, updatedAt,
                refundAddress);
    }
}
