package dev.lnjobs.api.session;

/** A command the session's current state does not allow; the message says which rule and which state. */
public class SessionRuleViolation extends RuntimeException {

    public SessionRuleViolation(String message) {
        super(message);
    }
}
