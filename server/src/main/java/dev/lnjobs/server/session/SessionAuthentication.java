package dev.lnjobs.server.session;

import dev.lnjobs.api.session.SessionExpiredException;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.server.auth.AccessTokenCheck;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Locale;

/**
 * Issues and checks the bearer macaroons of sessions. A token is minted from the root key and the session id, never
 * stored: once when the session is created, and afresh for a reader that presents one of the session's own tokens.
 * The session's own expiry is enforced by its state ({@link #requireToken}), not by a caveat.
 */
@Component
public class SessionAuthentication {

    private static final String BEARER = "bearer ";

    private final SessionMacaroons macaroons;
    private final Clock clock;

    SessionAuthentication(SessionMacaroons macaroons, Clock clock) {
        this.macaroons = macaroons;
        this.clock = clock;
    }

    /** The token answered at creation; it authenticates once the deposit is paid. */
    String mintAtCreation(String sessionId) {
        return macaroons.mint(sessionId);
    }

    /**
     * Whether the reader holds one of this session's tokens: false when it presents none, 401 when it presents one
     * that is not the session's. Expiry does not matter here: an expired session is still readable by its holder.
     */
    boolean holds(String sessionId, String authorization) {
        if (!AccessTokenCheck.presented(authorization)) {
            return false;
        }
        verify(sessionId, authorization);
        return true;
    }

    /** A fresh token for a holder of a usable session (active or paused), or null when it has none to give. */
    String mintForHolder(SessionView session) {
        boolean usable = session.state() == SessionState.ACTIVE || session.state() == SessionState.PAUSED;
        if (!usable || session.expiresAt() == null || !clock.instant().isBefore(session.expiresAt())) {
            return null;
        }
        return macaroons.mint(session.sessionId());
    }

    /** Refuses an expired session (410) before looking at the token, then a missing or invalid token (401). */
    void requireToken(SessionView session, String authorization) {
        boolean lapsed = session.expiresAt() != null && !clock.instant().isBefore(session.expiresAt());
        if (session.state() == SessionState.EXPIRED || lapsed) {
            throw new SessionExpiredException(session.sessionId(), session.expiresAt());
        }
        verify(session.sessionId(), authorization);
    }

    /**
     * The session a bare token (an API key of the compatible routes) names, once its signature and caveats hold;
     * 401 ({@link SessionTokenRejected}) otherwise. Whether that session exists and is usable is the caller's.
     */
    public String sessionOf(String token) {
        if (token == null || token.isBlank()) {
            throw SessionTokenRejected.missing();
        }
        try {
            return macaroons.verifiedSessionId(token.strip(), clock.instant());
        } catch (MacaroonRejectedException e) {
            throw SessionTokenRejected.invalid(e);
        }
    }

    /** Refuses an expired session (410) before looking at the token, then a missing or invalid token (401). */
    public void requireUsable(SessionView session, String token) {
        requireToken(session, BEARER + token);
    }

    private void verify(String sessionId, String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            throw SessionTokenRejected.missing();
        }
        try {
            macaroons.verify(authorization.substring(BEARER.length()).strip(), sessionId, clock.instant());
        } catch (MacaroonRejectedException e) {
            throw SessionTokenRejected.invalid(e);
        }
    }
}
