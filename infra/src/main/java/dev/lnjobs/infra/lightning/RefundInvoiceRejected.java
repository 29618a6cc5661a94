package dev.lnjobs.infra.lightning;

/** A refund invoice failed one of the checks made before anything is paid; {@code check} names which. */
public class RefundInvoiceRejected extends IllegalArgumentException {

    /** The checks, in the order they are made. */
    public enum Check {
        ENCODING, CHECKSUM, SIGNATURE, NETWORK, AMOUNT_PRESENT, AMOUNT_EXACT, NOT_EXPIRED, NOT_POSTDATED,
        MIN_FINAL_CLTV_EXPIRY, ROUTE_HINTS, NOT_OURS
    }

    private final Check check;

    public RefundInvoiceRejected(Check check, String message) {
        super(message);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
