package dev.lnjobs.server.session;

import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;

/**
 * Issues and checks the bearer macaroons of sessions. Tokens are minted on demand from the root key, the session id
 * and the session's current expiry, and never stored; a token keeps the expiry it was minted with.
 */
@Component
class SessionAuthentication {

    private static final String BEARER = "bearer ";

    private final SessionMacaroons macaroons;
    private final Clock clock;

    SessionAuthentication(SessionMacaroons macaroons, Clock clock) {
        this.macaroons = macaroons;
        this.clock = clock;
    }

    /** A token for a usable session (active or paused), or null when it has none to give. */
    String mint(SessionView session) {
        boolean usable = session.state() == SessionState.ACTIVE || session.state() == SessionState.PAUSED;
        if (!usable || session.expiresAt() == null || !clock.instant().isBefore(session.expiresAt())) {
            return null;
        }
        return macaroons.mint(session.sessionId(), session.expiresAt());
    }

    /** Refuses an expired session (410) before looking at the token, then a missing or invalid token (401). */
    void requireToken(SessionView session, String authorization) {
        boolean lapsed = session.expiresAt() != null && !clock.instant().isBefore(session.expiresAt());
        if (session.state() == SessionState.EXPIRED || lapsed) {
            throw new SessionExpiredException(session.sessionId(), session.expiresAt());
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            throw SessionTokenRejected.missing();
        }
        try {
            macaroons.verify(authorization.substring(BEARER.length()).strip(), session.sessionId(), clock.instant());
        } catch (MacaroonRejectedException e) {
            throw SessionTokenRejected.invalid(e);
        }
    }
}
