package dev.lnjobs.api.lightning;

import java.util.Locale;
import java.util.regex.Pattern;

/** The SHA-256 of a payment preimage, as 64 lower-case hex characters. */
public record PaymentHash(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public PaymentHash {
        if (hex == null) {
            throw new IllegalArgumentException("payment hash is missing");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("payment hash must be 64 hex characters");
        }
    }

    public static PaymentHash of(String hex) {
        return new PaymentHash(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
