package dev.lnjobs.api.session;

import dev.lnjobs.api.problem.ProblemType;

import java.util.Map;

/** A withdrawal is pending, or an earlier one left nothing to withdraw; names that one by its payment hash. */
public class WithdrawalAlreadyRequested extends SessionRuleViolation {

    private final String withdrawalId;
    private final String paymentHash;

    public WithdrawalAlreadyRequested(String sessionId, String withdrawalId, String paymentHash, String why) {
        super(ProblemType.WITHDRAWAL_ALREADY_REQUESTED, "session " + sessionId + " " + why + ": withdrawal "
                + withdrawalId + " with payment hash " + paymentHash);
        this.withdrawalId = withdrawalId;
        this.paymentHash = paymentHash;
    }

    public String paymentHash() {
        return paymentHash;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("withdrawalId", withdrawalId, "paymentHash", paymentHash);
    }
}
