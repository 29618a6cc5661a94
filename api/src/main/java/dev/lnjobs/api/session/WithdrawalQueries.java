package dev.lnjobs.api.session;

import java.time.Instant;

/** Queries of session withdrawals' read model. */
public final class WithdrawalQueries {

    private WithdrawalQueries() {
    }

    /** Answers the session's latest {@link WithdrawalView}, or null when it has none. */
    public record FindLatestWithdrawal(String sessionId) {
    }

    /** Answers the {@link WithdrawalView} of that id, or null. */
    public record FindWithdrawal(String withdrawalId) {
    }

    /** {@code state} is pending, paid or failed; fee figures once paid, the node's reason once failed. */
    public record WithdrawalView(String withdrawalId, String sessionId, String state, String destination,
                                 String paymentHash, long amountSats, long feeReserveSats, Long feeSats,
                                 Long reserveReturnedSats, String failureReason, Instant requestedAt,
                                 Instant updatedAt) {
    }
}
