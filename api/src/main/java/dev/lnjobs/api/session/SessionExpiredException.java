package dev.lnjobs.api.session;

import dev.lnjobs.api.problem.ProblemType;

import java.time.Instant;

/** The session expired (no successful request within its expiry window) and accepts nothing any more. */
public class SessionExpiredException extends SessionRuleViolation {

    private final String sessionId;

    public SessionExpiredException(String sessionId, Instant expiredAt) {
        super(ProblemType.SESSION_EXPIRED, "session " + sessionId + " expired"
                + (expiredAt == null ? "" : " at " + expiredAt) + "; open a new session");
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
