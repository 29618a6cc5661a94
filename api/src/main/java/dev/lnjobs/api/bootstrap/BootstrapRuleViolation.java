package dev.lnjobs.api.bootstrap;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

/** A command the bootstrap's current state does not allow; the message says which rule and which state. */
public class BootstrapRuleViolation extends RuleViolation {

    public BootstrapRuleViolation(String message) {
        super(ProblemType.NOT_ALLOWED_IN_STATE, message);
    }
}
