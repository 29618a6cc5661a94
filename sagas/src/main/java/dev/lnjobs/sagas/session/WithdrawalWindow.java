package dev.lnjobs.sagas.session;

import java.time.Duration;

/** How long after its expiry a session's balance stays withdrawable (SESSION_WITHDRAW_DAYS). */
public record WithdrawalWindow(Duration window) {

    public WithdrawalWindow {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("the withdrawal window is a duration of zero or more, not " + window);
        }
    }
}
