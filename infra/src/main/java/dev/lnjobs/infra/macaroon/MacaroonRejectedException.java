package dev.lnjobs.infra.macaroon;

/**
 * A bearer macaroon was refused. The {@link Reason} is what callers branch on (e.g. to pick an HTTP
 * status); the message is safe to log or return to the client: it is built only from fixed text and
 * values this package parsed itself, never from the root key, the signature or raw caveat text
 * (caveats may be appended by any holder, so echoing them would invite log injection).
 */
public final class MacaroonRejectedException extends RuntimeException {

    /** Why a macaroon was refused. */
    public enum Reason {
        MALFORMED("the token is not a well-formed macaroon"),
        BAD_SIGNATURE("the token's signature does not match: it was altered or not issued by this service"),
        WRONG_SESSION("the token is not valid for this session"),
        WRONG_RESOURCE("the token is not valid for this resource"),
        EXPIRED("the token has expired"),
        UNKNOWN_CAVEAT("the token carries a caveat this service does not understand");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** A human-readable explanation, suitable for an error response. */
        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public MacaroonRejectedException(Reason reason) {
        this(reason, null);
    }

    public MacaroonRejectedException(Reason reason, String detail) {
        // No stack trace: a rejection is an expected outcome of untrusted input, and garbage tokens can
        // arrive in floods; capturing a trace for each would only burn CPU.
        super(detail == null ? reason.message() : reason.message() + " (" + detail + ")", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
