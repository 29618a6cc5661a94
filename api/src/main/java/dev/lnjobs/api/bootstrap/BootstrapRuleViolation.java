package dev.lnjobs.api.bootstrap;

/** A command the bootstrap's current state does not allow; the message says which rule and which state. */
public class BootstrapRuleViolation extends RuntimeException {

    public BootstrapRuleViolation(String message) {
        super(message);
    }
}
