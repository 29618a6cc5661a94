package dev.lnjobs.api.lightning;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

import java.util.Map;

/** A {@code refundAddress} that is not a Lightning Address ({@code name@domain}); names the field. */
public class RefundAddressRejected extends RuleViolation {

    public static final String FIELD = "refundAddress";

    public RefundAddressRejected(String detail) {
        super(ProblemType.REFUND_ADDRESS_REJECTED, detail);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("field", FIELD);
    }
}
