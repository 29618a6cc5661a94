package dev.lnjobs.server.config;

import dev.lnjobs.api.session.SessionTerms;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Pre-funded sessions, bound from the seed's environment names (SESSION_MIN_DEPOSIT_SATS, SESSION_MAX_DEPOSIT_SATS,
 * SESSION_MIN_BALANCE_SATS, SESSION_EXPIRY_HOURS), plus how long a request's HTTP call waits for its result and
 * the macaroon root key (MACAROON_ROOT_KEY, hex; absent: a generated development key).
 */
@ConfigurationProperties("lnjobs.session")
public record SessionProperties(long minDepositSats, long maxDepositSats, long minBalanceSats, Duration expiry,
                                Duration requestWait, String macaroonRootKey, String macaroonLocation) {

    public SessionTerms terms() {
        return new SessionTerms(minDepositSats, maxDepositSats, minBalanceSats, expiry);
    }

    @Override
    public String toString() {
        return "SessionProperties[minDepositSats=" + minDepositSats + ", maxDepositSats=" + maxDepositSats
                + ", minBalanceSats=" + minBalanceSats + ", expiry=" + expiry + ", requestWait=" + requestWait
                + ", macaroonLocation=" + macaroonLocation + ", root key hidden]";
    }
}
