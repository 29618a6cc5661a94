package dev.lnjobs.api.session;

import dev.lnjobs.api.problem.ProblemType;

/** A deposit or top-up outside SESSION_MIN_DEPOSIT_SATS..SESSION_MAX_DEPOSIT_SATS. */
public class DepositOutOfRange extends SessionRuleViolation {

    public DepositOutOfRange(long amountSats, SessionTerms terms) {
        super(ProblemType.DEPOSIT_OUT_OF_RANGE, "amount_sats must be between " + terms.minDepositSats() + " and "
                + terms.maxDepositSats() + " sats, not " + amountSats);
    }
}
