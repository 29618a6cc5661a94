package dev.lnjobs.server.web;

import java.util.Locale;

/**
 * A job or bootstrap route was called without its access token (401), with one not issued by us (401,
 * {@code invalid_token}), or with the token of another resource (403, {@code insufficient_scope}). {@code reason} is
 * {@code missing} or the macaroon's rejection reason in lower case.
 */
public class AccessTokenRejected extends RuntimeException {

    private final String reason;
    private final boolean tokenPresented;
    private final boolean forbidden;

    private AccessTokenRejected(String reason, String message, boolean tokenPresented, boolean forbidden) {
        super(message, null, false, false);
        this.reason = reason;
        this.tokenPresented = tokenPresented;
        this.forbidden = forbidden;
    }

    public static AccessTokenRejected missing(String resource) {
        return new AccessTokenRejected("missing", "this endpoint needs the " + resource
                + "'s accessToken (answered when it was created) as 'Authorization: Bearer <accessToken>'",
                false, false);
    }

    public static AccessTokenRejected invalid(String reason, String message) {
        return new AccessTokenRejected(reason.toLowerCase(Locale.ROOT), message, true, false);
    }

    public static AccessTokenRejected otherResource(String resource) {
        return new AccessTokenRejected("wrong_resource", "the access token is not the one of this " + resource,
                true, true);
    }

    public String reason() {
        return reason;
    }

    /** RFC 6750: a request that presented no token gets a bare challenge, one with a bad token gets invalid_token. */
    public boolean tokenPresented() {
        return tokenPresented;
    }

    /** A valid token of another resource: 403 rather than 401. */
    public boolean forbidden() {
        return forbidden;
    }
}
