package dev.lnjobs.api.job;

/** A refund was already asked for (and is in flight or paid); carries the payment hash of the original. */
public class RefundAlreadyRequested extends RuntimeException {

    private final String refundPaymentHash;

    public RefundAlreadyRequested(String jobId, String refundPaymentHash) {
        super("the refund of job " + jobId + " was already requested, with payment hash " + refundPaymentHash);
        this.refundPaymentHash = refundPaymentHash;
    }

    public String refundPaymentHash() {
        return refundPaymentHash;
    }
}
