package dev.lnjobs.infra.lightning.bolt11;

/**
 * A payment request that must not be paid or trusted; {@link #reason()} names the check that failed so callers can
 * branch on it and tests can assert it, while the message explains it to a human.
 */
public class Bolt11Exception extends IllegalArgumentException {

    /** Which BOLT 11 check refused the payment request. */
    public enum Reason {
        /** Not bech32 at all: no separator, a character outside the bech32 alphabet, mixed case, too short. */
        BAD_BECH32,
        /** Well-formed bech32 whose checksum does not match (a typo or a truncated copy). */
        BAD_CHECKSUM,
        /** The human-readable part is not {@code ln} followed by a currency this codec knows. */
        BAD_PREFIX,
        /** The amount is not a positive integer with a known multiplier, or has sub-millisatoshi precision. */
        BAD_AMOUNT,
        /** Fewer 5-bit words than a timestamp plus a signature need. */
        TOO_SHORT,
        /** A tagged field claims more data than the invoice holds. */
        BAD_FIELD_LENGTH,
        /** A tagged field of the right length whose content is unusable (invalid UTF-8, not a curve point...). */
        BAD_FIELD_VALUE,
        /** The signature cannot be recovered, does not verify against {@code n}, or is high-S with {@code n}. */
        BAD_SIGNATURE,
        /** No {@code p} field of the 52-word length. */
        MISSING_PAYMENT_HASH,
        /** No {@code s} field of the 52-word length; the current spec makes it compulsory. */
        MISSING_PAYMENT_SECRET,
        /** Neither a {@code d} nor an {@code h} field. */
        MISSING_DESCRIPTION,
        /** Both a {@code d} and an {@code h} field, so it is unclear what the payer is committing to. */
        AMBIGUOUS_DESCRIPTION,
        /** An even (compulsory) feature bit this codec does not know: "it's ok to be odd", not to be even. */
        UNKNOWN_REQUIRED_FEATURE
    }

    private final Reason reason;

    public Bolt11Exception(Reason reason, String detail) {
        super("invalid BOLT 11 invoice (" + reason + "): " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
