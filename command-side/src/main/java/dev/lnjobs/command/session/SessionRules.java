package dev.lnjobs.command.session;

import dev.lnjobs.api.session.SessionRuleViolation;
import dev.lnjobs.api.session.SessionState;

import java.time.Instant;

/** Small helpers the session's rules share. */
final class SessionRules {

    private SessionRules() {
    }

    static void require(boolean rule, String message) {
        if (!rule) {
            throw new SessionRuleViolation(message);
        }
    }

    static void requireState(SessionState state, SessionState expected, String action) {
        require(state == expected, "cannot " + action + " while the session is " + state.wireName());
    }

    static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
