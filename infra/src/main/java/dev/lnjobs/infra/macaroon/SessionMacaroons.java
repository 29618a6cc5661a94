package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * Issues and checks the bearer macaroons of pre-funded sessions. A token is the
 * {@linkplain MacaroonCodec unpadded base64url v2 binary} of a macaroon whose identifier is 16 random
 * bytes and whose caveats are {@code session_id = <uuid>} and, optionally, {@code expires < <instant>}
 * (exact forms in {@link SessionCaveats}). The token answered at creation has no expiry caveat: the
 * session's own expiry moves with every request, and the server refuses an expired session by its state
 * before it looks at any token.
 *
 * <p>Verification order, and so which reason wins when several apply: MALFORMED (or UNKNOWN_CAVEAT
 * for a third-party caveat) from decoding, then BAD_SIGNATURE, then each caveat in token order
 * (WRONG_SESSION, EXPIRED, UNKNOWN_CAVEAT, MALFORMED for an unreadable expiry), and finally a token
 * lacking the session caveat is refused (WRONG_SESSION), so that a validly signed but unrestricted
 * macaroon can never open every session.
 *
 * <p>Holds the root key; {@link #toString()} never reveals it. Thread-safe.
 */
public final class SessionMacaroons {

    /** HMAC-SHA256 gains nothing from a longer key and loses strength with a shorter one. */
    public static final int MIN_ROOT_KEY_BYTES = 32;
    private static final int IDENTIFIER_BYTES = 16;

    private final byte[] rootKey;
    private final String location;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param rootKey at least {@value #MIN_ROOT_KEY_BYTES} secret random bytes; copied
     * @param location an unsigned hint for clients where the token is used, e.g. the API's base URL
     */
    public SessionMacaroons(byte[] rootKey, String location) {
        Objects.requireNonNull(rootKey, "rootKey");
        if (rootKey.length < MIN_ROOT_KEY_BYTES) {
            throw new IllegalArgumentException("root key must be at least " + MIN_ROOT_KEY_BYTES + " bytes");
        }
        this.rootKey = rootKey.clone();
        this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * @param sessionId a UUID, in any letter case
     * @return a bearer token valid for {@code sessionId} for as long as the session is
     * @throws IllegalArgumentException if {@code sessionId} is not a UUID
     */
    public String mint(String sessionId) {
        return MacaroonCodec.encode(fresh(sessionId));
    }

    /**
     * @param sessionId a UUID, in any letter case
     * @return a bearer token valid for {@code sessionId} until just before {@code expiresAt}
     * @throws IllegalArgumentException if {@code sessionId} is not a UUID
     */
    public String mint(String sessionId, Instant expiresAt) {
        return MacaroonCodec.encode(fresh(sessionId).withCaveat(SessionCaveats.expires(expiresAt)));
    }

    private Macaroon fresh(String sessionId) {
        String sessionCaveat = SessionCaveats.sessionId(sessionId);
        // A fresh identifier gives every token its own signature chain, and leaves room to revoke a
        // single token by identifier later without rotating the root key.
        byte[] identifier = new byte[IDENTIFIER_BYTES];
        random.nextBytes(identifier);
        return Macaroon.mint(rootKey, location, identifier).withCaveat(sessionCaveat);
    }

    /**
     * Returns normally if {@code token} was issued by this service for {@code sessionId} and has not
     * expired at {@code now}.
     *
     * @throws MacaroonRejectedException with the first {@link Reason} that applies
     */
    public void verify(String token, String sessionId, Instant now) {
        Objects.requireNonNull(now, "now");
        Macaroon macaroon = MacaroonCodec.decode(token);
        MacaroonVerifier.of(SessionCaveats.sessionIs(sessionId), SessionCaveats.notExpiredAt(now))
                .verify(macaroon, rootKey);
        if (!hasCaveatStartingWith(macaroon, SessionCaveats.SESSION_ID_PREFIX)) {
            throw new MacaroonRejectedException(Reason.WRONG_SESSION, "the token is not bound to a session");
        }
    }

    /**
     * The session a token names, for a caller that has the token only (the compatible {@code /v1} routes, whose API
     * key is the macaroon), after {@link #verify} accepted it for that session at {@code now}.
     *
     * @throws MacaroonRejectedException as {@link #verify} does; WRONG_SESSION when it names no session
     */
    public String verifiedSessionId(String token, Instant now) {
        Macaroon macaroon = MacaroonCodec.decode(token);
        String claimed = macaroon.caveats().stream()
                .filter(caveat -> caveat.startsWith(SessionCaveats.SESSION_ID_PREFIX)).findFirst()
                .map(caveat -> caveat.substring(SessionCaveats.SESSION_ID_PREFIX.length()))
                .orElseThrow(() -> new MacaroonRejectedException(Reason.WRONG_SESSION,
                        "the token is not bound to a session"));
        verify(token, claimed, now);
        return claimed;
    }

    private static boolean hasCaveatStartingWith(Macaroon macaroon, String prefix) {
        return macaroon.caveats().stream().anyMatch(caveat -> caveat.startsWith(prefix));
    }

    @Override
    public String toString() {
        return "SessionMacaroons[location=" + location + ", rootKey=<redacted>]";
    }
}
