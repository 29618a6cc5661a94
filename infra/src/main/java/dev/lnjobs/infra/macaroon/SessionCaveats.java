package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.CaveatPredicate.Verdict;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The first-party caveats of a session token, in the libmacaroons {@code "key op value"} style with
 * single spaces (matching the published {@code account = 3735928559} / {@code time < ...} examples):
 *
 * <ul>
 *   <li>{@code session_id = <uuid>}: the token is valid only for this pre-funded session. The UUID
 *       is in canonical lower-case 8-4-4-4-12 form, e.g.
 *       {@code session_id = 3f2504e0-4f89-41d3-9a0c-0305e82c3301}; compared as text.</li>
 *   <li>{@code expires < <instant>}: the token is valid while the verifier's clock is strictly before
 *       the instant, written as {@link Instant#toString()} does (ISO-8601, UTC, {@code Z} suffix,
 *       fraction only when non-zero), e.g. {@code expires < 2026-11-25T16:00:00Z}; read with
 *       {@link Instant#parse}. An unparseable instant is {@link Reason#MALFORMED}.</li>
 * </ul>
 *
 * A holder may append further caveats of either kind to narrow a token (e.g. an earlier expiry for a
 * sub-process); every one of them must hold.
 */
public final class SessionCaveats {

    public static final String SESSION_ID_PREFIX = "session_id = ";
    public static final String EXPIRES_PREFIX = "expires < ";

    private SessionCaveats() {
    }

    /** @throws IllegalArgumentException if {@code sessionId} is not a UUID */
    public static String sessionId(String sessionId) {
        return SESSION_ID_PREFIX + canonicalUuid(sessionId)
                .orElseThrow(() -> new IllegalArgumentException("session id must be a UUID"));
    }

    public static String expires(Instant expiresAt) {
        return EXPIRES_PREFIX + Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Accepts {@code session_id} caveats naming {@code expectedSessionId}; any other session is
     * {@link Reason#WRONG_SESSION}. An expected id that is not a UUID matches no token.
     */
    public static CaveatPredicate sessionIs(String expectedSessionId) {
        Optional<String> expected = canonicalUuid(expectedSessionId);
        return caveat -> {
            if (!caveat.startsWith(SESSION_ID_PREFIX)) {
                return Verdict.NOT_RECOGNISED;
            }
            String claimed = caveat.substring(SESSION_ID_PREFIX.length());
            return expected.isPresent() && expected.get().equals(claimed)
                    ? Verdict.SATISFIED
                    : Verdict.violated(Reason.WRONG_SESSION, null);
        };
    }

    /** Accepts {@code expires} caveats whose instant is strictly after {@code now}. */
    public static CaveatPredicate notExpiredAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return caveat -> {
            if (!caveat.startsWith(EXPIRES_PREFIX)) {
                return Verdict.NOT_RECOGNISED;
            }
            Instant expiresAt;
            try {
                expiresAt = Instant.parse(caveat.substring(EXPIRES_PREFIX.length()));
            } catch (DateTimeParseException e) {
                return Verdict.violated(Reason.MALFORMED, "the expiry is not an ISO-8601 instant");
            }
            return now.isBefore(expiresAt)
                    ? Verdict.SATISFIED
                    : Verdict.violated(Reason.EXPIRED, "expired at " + expiresAt);
        };
    }

    /**
     * The canonical text of a UUID, or empty. {@link UUID#fromString} alone is too lenient (it
     * accepts e.g. {@code 1-2-3-4-5}), so the round trip must reproduce the input, case aside.
     */
    static Optional<String> canonicalUuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            String canonical = UUID.fromString(text).toString();
            return canonical.equals(text.toLowerCase(Locale.ROOT)) ? Optional.of(canonical) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
