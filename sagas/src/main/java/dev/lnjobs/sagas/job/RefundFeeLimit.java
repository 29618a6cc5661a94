package dev.lnjobs.sagas.job;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The most a refund may spend on routing fees: {@code maxFeePercent} of what it pays, rounded down, but never less
 * than {@code minFeeSats} (without a floor no route could carry a refund of a few sats).
 */
public record RefundFeeLimit(BigDecimal maxFeePercent, long minFeeSats) {

    public RefundFeeLimit {
        Objects.requireNonNull(maxFeePercent, "maxFeePercent");
        if (maxFeePercent.signum() < 0 || maxFeePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("the fee share is between 0 and 100 %, not " + maxFeePercent);
        }
        if (minFeeSats < 0) {
            throw new IllegalArgumentException("the fee floor is not negative, not " + minFeeSats);
        }
    }

    public long maxFeeSats(long amountSats) {
        long share = BigDecimal.valueOf(amountSats).multiply(maxFeePercent).movePointLeft(2)
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        return Math.max(minFeeSats, share);
    }
}
