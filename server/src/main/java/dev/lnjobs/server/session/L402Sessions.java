package dev.lnjobs.server.session;

import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.infra.macaroon.L402Macaroons;
import dev.lnjobs.infra.macaroon.MacaroonRejectedException;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.server.limits.CreationLimitProperties;
import dev.lnjobs.server.limits.CreationLimits;
import dev.lnjobs.server.limits.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * L402 (bLIP-0026) on top of sessions: a challenge opens a session of {@code L402_DEPOSIT_SATS} whose deposit invoice
 * is the challenge's, and a credential for it authenticates as that session, by a session macaroon minted for it.
 * A challenge counts against the session creation limit of the client's address, as {@code POST /api/sessions}
 * does: each one makes an invoice.
 */
@Component
class L402Sessions {

    private static final Logger log = LoggerFactory.getLogger(L402Sessions.class);

    /** What the 402 carries; {@code macaroon} in standard base64. */
    record Challenge(String macaroon, String invoice) {
    }

    /** Why a credential was refused; the message is safe to answer. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** How long a call with a valid preimage waits for the deposit's confirmation to reach the session's view. */
    private static final Duration PAYMENT_SHOWS_WITHIN = Duration.ofSeconds(5);

    private final SessionService sessions;
    private final L402Macaroons l402;
    private final SessionMacaroons sessionMacaroons;
    private final CreationLimits limits;
    private final int sessionsPerHour;
    private final long depositSats;
    private final Clock clock;

    L402Sessions(SessionService sessions, L402Macaroons l402, SessionMacaroons sessionMacaroons,
                 CreationLimits limits, CreationLimitProperties limitSettings,
                 @Value("${lnjobs.l402.deposit-sats:1000}") long depositSats, Clock clock) {
        this.sessions = sessions;
        this.l402 = l402;
        this.sessionMacaroons = sessionMacaroons;
        this.limits = limits;
        this.sessionsPerHour = limitSettings.sessionsPerHour();
        this.depositSats = depositSats;
        this.clock = clock;
    }

    /** Opens a session and answers its challenge; empty when its invoice was not issued in time. */
    Optional<Challenge> challenge(String client) {
        if (sessionsPerHour > 0) {
            Optional<Duration> wait = limits.tryAcquire("session|" + client, sessionsPerHour);
            if (wait.isPresent()) {
                throw new RateLimitedException(wait.get(), "at most " + sessionsPerHour + " sessions per hour "
                        + "from one client address; try again in " + RateLimitedException.seconds(wait.get()) + " s");
            }
        }
        SessionView session = sessions.open(depositSats);
        if (session.depositInvoice() == null) {
            return Optional.empty();
        }
        log.info("L402 challenge for session {} ({} sats)", session.sessionId(), depositSats);
        return Optional.of(new Challenge(l402.mint(session.depositInvoice().paymentHash(), session.sessionId()),
                session.depositInvoice().paymentRequest()));
    }

    /**
     * The session macaroon the credential stands for, once its macaroon is ours, its preimage pays the session's
     * deposit invoice and the deposit shows paid.
     *
     * @param capability the first path segment after {@code /v1/}
     * @throws Refused otherwise
     */
    String authenticate(String macaroon, String preimage, String capability) {
        L402Macaroons.Holder holder;
        try {
            holder = l402.verify(macaroon, preimage, capability, clock.instant());
        } catch (MacaroonRejectedException e) {
            throw new Refused(e.getMessage());
        }
        SessionView session = sessions.readOncePaid(holder.sessionId(), PAYMENT_SHOWS_WITHIN)
                .filter(s -> s.depositInvoice() != null
                        && s.depositInvoice().paymentHash().equals(holder.paymentHash()))
                .orElseThrow(() -> new Refused("the token's session does not exist"));
        if (session.state() == SessionState.AWAITING_PAYMENT) {
            throw new Refused("the token's invoice is not seen paid yet: try again in a moment");
        }
        return sessionMacaroons.mint(session.sessionId());
    }
}
