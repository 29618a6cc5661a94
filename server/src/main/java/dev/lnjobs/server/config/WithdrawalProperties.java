package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Withdrawals of session balances: how long after its expiry an expired session's balance stays withdrawable
 * (SESSION_WITHDRAW_DAYS, default 30).
 */
@ConfigurationProperties("lnjobs.withdrawal")
public record WithdrawalProperties(Duration window) {

    public WithdrawalProperties {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("the withdrawal window is a duration of zero or more, not " + window);
        }
    }
}
