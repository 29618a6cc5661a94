package dev.lnjobs.api.job;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

import java.util.Collections;
import java.util.Map;

/** A refund was already asked for (and is in flight or paid); carries the payment hash of the original. */
public class RefundAlreadyRequested extends RuleViolation {

    private final String refundPaymentHash;

    public RefundAlreadyRequested(String jobId, String refundPaymentHash) {
        this("job", jobId, refundPaymentHash);
    }

    /** Of something else that owes a refund ({@code kind}: "bootstrap"). */
    public RefundAlreadyRequested(String kind, String id, String refundPaymentHash) {
        super(ProblemType.REFUND_ALREADY_REQUESTED, "the refund of " + kind + " " + id
                + " was already requested, with payment hash " + refundPaymentHash);
        this.refundPaymentHash = refundPaymentHash;
    }

    public String refundPaymentHash() {
        return refundPaymentHash;
    }

    @Override
    public Map<String, Object> properties() {
        return Collections.singletonMap("refundPaymentHash", refundPaymentHash);
    }
}
