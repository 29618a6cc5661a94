package dev.lnjobs.api.job;

/** A command the job's current state does not allow; the message says which rule and which state. */
public class JobRuleViolation extends RuntimeException {

    public JobRuleViolation(String message) {
        super(message);
    }
}
