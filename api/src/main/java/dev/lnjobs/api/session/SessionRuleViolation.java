package dev.lnjobs.api.session;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

/** A command the session's current state does not allow; the message says which rule and which state. */
public class SessionRuleViolation extends RuleViolation {

    public SessionRuleViolation(String message) {
        super(ProblemType.NOT_ALLOWED_IN_STATE, message);
    }

    /** For the session's refusals that answer otherwise than 409. */
    protected SessionRuleViolation(ProblemType type, String message) {
        super(type, message);
    }
}
