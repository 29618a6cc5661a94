package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.job.RefundState;

/** The job's rule for when its refund may be claimed, shared by the claim and the check that precedes it. */
final class RefundClaims {

    private RefundClaims() {
    }

    /** Answers the refund due, or refuses: claimed and not failed (with the claim's hash), not settled, not due. */
    static long requireClaimable(String jobId, RefundState state, String refundPaymentHash, long refundDueSats) {
        if (state == RefundState.PAID || refundPaymentHash != null && state == RefundState.PENDING) {
            throw new RefundAlreadyRequested(jobId, refundPaymentHash);
        }
        if (state == null) {
            throw new JobRuleViolation("job " + jobId + " is not settled yet; no refund is due");
        }
        if (state == RefundState.NOT_DUE) {
            throw new JobRuleViolation("no refund is due for job " + jobId + ": it cost what was paid");
        }
        return refundDueSats;
    }

    /** Refuses a payout report for any payment but the refund in flight. */
    static void requireInFlight(String jobId, String refundPaymentHash, String paymentHash) {
        if (!paymentHash.equals(refundPaymentHash)) {
            throw new JobRuleViolation("payment " + paymentHash + " is not the refund of job " + jobId);
        }
    }

    /** The state of a refund just found due: pending if anything is owed, else none due. */
    static RefundState stateOwing(long refundDueSats) {
        return refundDueSats > 0 ? RefundState.PENDING : RefundState.NOT_DUE;
    }
}
