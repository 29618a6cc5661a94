package dev.lnjobs.api.job;

import dev.lnjobs.api.problem.ProblemType;
import dev.lnjobs.api.problem.RuleViolation;

/** A command the job's current state does not allow; the message says which rule and which state. */
public class JobRuleViolation extends RuleViolation {

    public JobRuleViolation(String message) {
        super(ProblemType.NOT_ALLOWED_IN_STATE, message);
    }
}
