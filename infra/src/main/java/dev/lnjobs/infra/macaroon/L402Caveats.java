package dev.lnjobs.infra.macaroon;

import dev.lnjobs.infra.macaroon.MacaroonRejectedException.Reason;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * This service's first-party caveats of an L402 macaroon, {@code condition=value} as bLIP-0026 writes them. Every
 * occurrence of a condition must hold, so a holder's repeated caveat can only narrow the token. Caveats of other
 * conditions (another service's, or not of that form) are skipped, not refused, as the spec says.
 *
 * <ul>
 *   <li>{@code services=lnjobs:0[,other:1]}: the token is for the listed services; this one must be among them.</li>
 *   <li>{@code lnjobs_capabilities=chat,messages}: the routes the token may call, by the first path segment after
 *       {@code /v1/} (e.g. {@code chat} for {@code /v1/chat/completions}).</li>
 *   <li>{@code lnjobs_valid_until=<unix seconds>}: valid while the clock is before that second.</li>
 *   <li>{@code lnjobs_session=<uuid>}: the session the token's invoice funds; required, and every occurrence the
 *       same.</li>
 * </ul>
 */
final class L402Caveats {

    private L402Caveats() {
    }

    /** @return the session the caveats name */
    static String check(List<String> caveats, String capability, Instant now) {
        String session = null;
        for (String caveat : caveats) {
            int equals = caveat.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String condition = caveat.substring(0, equals).strip();
            String value = caveat.substring(equals + 1).strip();
            switch (condition) {
                case L402Macaroons.SERVICES -> requireService(value);
                case L402Macaroons.CAPABILITIES -> requireCapability(value, capability);
                case L402Macaroons.VALID_UNTIL -> requireNotExpired(value, now);
                case L402Macaroons.SESSION -> session = sameSession(session, value);
                default -> {
                    // another service's caveat: skipped (bLIP-0026)
                }
            }
        }
        if (session == null) {
            throw new MacaroonRejectedException(Reason.WRONG_SESSION, "the token names no session");
        }
        return session;
    }

    private static void requireService(String value) {
        boolean listed = Arrays.stream(value.split(","))
                .map(service -> service.strip().split(":", 2)[0])
                .anyMatch(L402Macaroons.SERVICE::equals);
        if (!listed) {
            throw new MacaroonRejectedException(Reason.WRONG_RESOURCE, "the token is for other services");
        }
    }

    private static void requireCapability(String value, String capability) {
        boolean granted = Arrays.stream(value.split(",")).map(String::strip).anyMatch(capability::equals);
        if (!granted) {
            throw new MacaroonRejectedException(Reason.WRONG_RESOURCE, "the token does not grant " + capability);
        }
    }

    private static void requireNotExpired(String value, Instant now) {
        long until;
        try {
            until = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MacaroonRejectedException(Reason.MALFORMED, "lnjobs_valid_until is not a unix time");
        }
        if (now.getEpochSecond() >= until) {
            throw new MacaroonRejectedException(Reason.EXPIRED, "valid until unix time " + until);
        }
    }

    private static String sameSession(String before, String value) {
        String session = SessionCaveats.canonicalUuid(value)
                .orElseThrow(() -> new MacaroonRejectedException(Reason.WRONG_SESSION, "the session is not a UUID"));
        if (before != null && !before.equals(session)) {
            throw new MacaroonRejectedException(Reason.WRONG_SESSION, "the token names two sessions");
        }
        return session;
    }
}
