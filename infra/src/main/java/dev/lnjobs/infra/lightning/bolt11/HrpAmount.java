package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;

import java.math.BigInteger;

/**
 * The amount in the human-readable part: a decimal number of bitcoin with an optional multiplier letter,
 * {@code m} (1e-3), {@code u} (1e-6), {@code n} (1e-9) or {@code p} (1e-12). Everything here is millisatoshis,
 * the smallest unit an HTLC can carry, so a pico amount must end in 0.
 */
final class HrpAmount {

    private static final long MSAT_PER_BTC = 100_000_000_000L;
    private static final long MSAT_PER_MILLI = 100_000_000L;
    private static final long MSAT_PER_MICRO = 100_000L;
    private static final long MSAT_PER_NANO = 100L;
    private static final int MAX_DIGITS = 25;

    private HrpAmount() {
    }

    /** Millisatoshis for the amount text after the currency prefix; null when the invoice names no amount. */
    static Long parseMsat(String amount) {
        if (amount.isEmpty()) {
            return null;
        }
        char last = amount.charAt(amount.length() - 1);
        boolean hasMultiplier = !Character.isDigit(last);
        String digits = hasMultiplier ? amount.substring(0, amount.length() - 1) : amount;
        checkDigits(amount, digits);
        BigInteger value = new BigInteger(digits);
        BigInteger msat = hasMultiplier ? applyMultiplier(amount, value, last) : value.multiply(big(MSAT_PER_BTC));
        if (msat.bitLength() > 63) {
            throw new Bolt11Exception(Reason.BAD_AMOUNT, "amount '" + amount + "' is too large");
        }
        return msat.longValueExact();
    }

    /** The shortest text for an amount: the largest multiplier that still represents it exactly. */
    static String format(long msat) {
        if (msat <= 0) {
            throw new IllegalArgumentException("an invoice amount is positive, not " + msat + " msat");
        }
        if (msat % MSAT_PER_BTC == 0) {
            return Long.toString(msat / MSAT_PER_BTC);
        }
        if (msat % MSAT_PER_MILLI == 0) {
            return msat / MSAT_PER_MILLI + "m";
        }
        if (msat % MSAT_PER_MICRO == 0) {
            return msat / MSAT_PER_MICRO + "u";
        }
        if (msat % MSAT_PER_NANO == 0) {
            return msat / MSAT_PER_NANO + "n";
        }
        return BigInteger.valueOf(msat).multiply(BigInteger.TEN) + "p";
    }

    private static void checkDigits(String amount, String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Bolt11Exception(Reason.BAD_AMOUNT, "amount '" + amount + "' is not digits and one multiplier");
        }
        if (digits.charAt(0) == '0') {
            // Writers MUST NOT use leading zeros, and a zero amount is no amount: refuse both rather than guess.
            throw new Bolt11Exception(Reason.BAD_AMOUNT, "amount '" + amount + "' is zero or has a leading zero");
        }
        if (digits.length() > MAX_DIGITS) {
            throw new Bolt11Exception(Reason.BAD_AMOUNT, "amount '" + amount + "' is too large");
        }
    }

    private static BigInteger applyMultiplier(String amount, BigInteger value, char multiplier) {
        return switch (multiplier) {
            case 'm' -> value.multiply(big(MSAT_PER_MILLI));
            case 'u' -> value.multiply(big(MSAT_PER_MICRO));
            case 'n' -> value.multiply(big(MSAT_PER_NANO));
            case 'p' -> {
                BigInteger[] msatAndRest = value.divideAndRemainder(BigInteger.TEN);
                if (msatAndRest[1].signum() != 0) {
                    throw new Bolt11Exception(Reason.BAD_AMOUNT,
                            "amount '" + amount + "' has sub-millisatoshi precision (a p amount must end in 0)");
                }
                yield msatAndRest[0];
            }
            default -> throw new Bolt11Exception(Reason.BAD_AMOUNT,
                    "amount '" + amount + "' has unknown multiplier '" + multiplier + "'");
        };
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
