package dev.lnjobs.server.session;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException;

import java.util.Locale;

/**
 * A session endpoint was called without a usable bearer macaroon; mapped to 401 with a {@code WWW-Authenticate}
 * challenge. {@code reason} is {@code missing} or the macaroon's rejection reason in lower case.
 */
public class SessionTokenRejected extends RuntimeException {

    private final String reason;
    private final boolean tokenPresented;

    private SessionTokenRejected(String reason, String message, boolean tokenPresented) {
        super(message, null, false, false);
        this.reason = reason;
        this.tokenPresented = tokenPresented;
    }

    static SessionTokenRejected missing() {
        return new SessionTokenRejected("missing",
                "this endpoint needs the session's macaroon as 'Authorization: Bearer <macaroon>'", false);
    }

    static SessionTokenRejected invalid(MacaroonRejectedException rejection) {
        return new SessionTokenRejected(rejection.reason().name().toLowerCase(Locale.ROOT), rejection.getMessage(),
                true);
    }

    public String reason() {
        return reason;
    }

    /** RFC 6750: a request that presented no token gets a bare challenge, one with a bad token gets invalid_token. */
    public boolean tokenPresented() {
        return tokenPresented;
    }
}
