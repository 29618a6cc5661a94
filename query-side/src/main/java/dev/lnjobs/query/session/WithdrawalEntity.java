package dev.lnjobs.query.session;

import dev.lnjobs.api.session.WithdrawalQueries.WithdrawalView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per withdrawal of a session's balance. */
@Entity
@Table(name = "session_withdrawal")
class WithdrawalEntity {

    @Id
    @Column(name = "withdrawal_id")
    String withdrawalId;
    String sessionId;
    String state;
    String destination;
    String paymentHash;
    long amountSats;
    long feeReserveSats;
    Long feeSats;
    Long reserveReturnedSats;
    String failureReason;
    Instant requestedAt;
    Instant updatedAt;

    WithdrawalView toView() {
        return new WithdrawalView(withdrawalId, sessionId, state, destination, paymentHash, amountSats,
                feeReserveSats, feeSats, reserveReturnedSats, failureReason, requestedAt, updatedAt);
    }
}
