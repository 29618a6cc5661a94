package dev.lnjobs.api.job;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

import java.util.Locale;
import java.util.Map;

/** A refund invoice failed one of the checks made before anything is paid; {@code check} names which. */
public class RefundInvoiceRejected extends RuleViolation {

    /** The checks, in the order they are made. */
    public enum Check {
        ENCODING, CHECKSUM, SIGNATURE, NETWORK, AMOUNT_PRESENT, AMOUNT_EXACT, NOT_EXPIRED, NOT_POSTDATED,
        MIN_FINAL_CLTV_EXPIRY, ROUTE_HINTS, NOT_OURS
    }

    private final Check check;

    public RefundInvoiceRejected(Check check, String message) {
        super(ProblemType.REFUND_INVOICE_REJECTED, message);
        this.check = check;
    }

    public Check check() {
        return check;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("check", check.name().toLowerCase(Locale.ROOT));
    }
}
