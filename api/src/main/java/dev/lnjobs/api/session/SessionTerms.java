package dev.lnjobs.api.session;

import java.time.Duration;
import java.util.Objects;

/**
 * The session limits in force when a session was opened (SESSION_MIN_DEPOSIT_SATS, SESSION_MAX_DEPOSIT_SATS,
 * SESSION_MIN_BALANCE_SATS, SESSION_EXPIRY_HOURS), recorded so a later change of environment changes no
 * existing session. Top-ups obey the deposit limits too.
 */
public record SessionTerms(long minDepositSats, long maxDepositSats, long minimumBalanceSats, Duration expiry) {

    public SessionTerms {
        Objects.requireNonNull(expiry, "expiry");
        if (minDepositSats <= 0 || maxDepositSats < minDepositSats) {
            throw new IllegalArgumentException("need 0 < SESSION_MIN_DEPOSIT_SATS <= SESSION_MAX_DEPOSIT_SATS");
        }
        // A fresh deposit must leave the session usable, or it could be paid for and born paused.
        if (minimumBalanceSats < 0 || minimumBalanceSats > minDepositSats) {
            throw new IllegalArgumentException("need 0 <= SESSION_MIN_BALANCE_SATS <= SESSION_MIN_DEPOSIT_SATS");
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("SESSION_EXPIRY_HOURS must be positive");
        }
    }

    /** The seed's defaults: 100 to 10,000 sats, pause below 50, expire 24 h after the last successful request. */
    public static SessionTerms defaults() {
        return new SessionTerms(100, 10_000, 50, Duration.ofHours(24));
    }

    public boolean allows(long amountSats) {
        return amountSats >= minDepositSats && amountSats <= maxDepositSats;
    }
}
