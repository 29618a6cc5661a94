package dev.lnjobs.infra.lightning.bolt11;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A decoded, signature-checked BOLT 11 payment request. Byte values are lower-case hex.
 *
 * @param paymentRequest     the string as it was given (upper or lower case)
 * @param amountMsat         millisatoshis asked for, or null for "any amount" (donation style)
 * @param description        the {@code d} text, or null when the invoice commits to a {@code descriptionHash}
 * @param descriptionHash    SHA-256 of a description held elsewhere ({@code h}), or null when {@code description}
 *                           is set
 * @param payeePubKey        33-byte compressed node key: the {@code n} field when present, else recovered from the
 *                           signature
 * @param routeHints         each {@code r} field's raw bytes (entries of pubkey, scid, fees, cltv delta)
 * @param featureBits        the set bits of the {@code 9} field
 * @param paymentMetadata    the {@code m} field, or null
 */
public record Bolt11Invoice(
        String paymentRequest,
        BitcoinNetwork network,
        Long amountMsat,
        Instant timestamp,
        String paymentHash,
        String paymentSecret,
        String description,
        String descriptionHash,
        long expirySeconds,
        long minFinalCltvExpiry,
        String payeePubKey,
        List<FallbackAddress> fallbackAddresses,
        List<String> routeHints,
        Set<Integer> featureBits,
        String paymentMetadata) {

    public static final long DEFAULT_EXPIRY_SECONDS = 3600;
    public static final long DEFAULT_MIN_FINAL_CLTV_EXPIRY = 18;
    /** A century: the decoder refuses longer, so that {@link #expiresAt()} is an instant for every timestamp. */
    public static final long MAX_EXPIRY_SECONDS = 36_525L * 24 * 3600; // 100 Julian years

    private static final long MSAT_PER_SAT = 1000;
    private static final Pattern HEX_32_BYTES = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern COMPRESSED_KEY = Pattern.compile("0[23][0-9a-f]{64}");
    private static final Pattern HEX_BYTES = Pattern.compile("([0-9a-f]{2})*");

    public Bolt11Invoice {
        Objects.requireNonNull(paymentRequest, "paymentRequest");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(timestamp, "timestamp");
        if (amountMsat != null && amountMsat <= 0) {
            throw new IllegalArgumentException("an invoice amount is positive, not " + amountMsat + " msat");
        }
        requireMatch(HEX_32_BYTES, paymentHash, "paymentHash");
        requireMatch(HEX_32_BYTES, paymentSecret, "paymentSecret");
        if ((description == null) == (descriptionHash == null)) {
            throw new IllegalArgumentException("an invoice has exactly one of description and descriptionHash");
        }
        if (descriptionHash != null) {
            requireMatch(HEX_32_BYTES, descriptionHash, "descriptionHash");
        }
        if (expirySeconds < 0 || minFinalCltvExpiry < 0) {
            throw new IllegalArgumentException("expiry and min final CLTV expiry are not negative");
        }
        if (expirySeconds > MAX_EXPIRY_SECONDS) {
            throw new IllegalArgumentException("expiry is at most a century, not " + expirySeconds + " s");
        }
        requireMatch(COMPRESSED_KEY, payeePubKey, "payeePubKey");
        fallbackAddresses = List.copyOf(fallbackAddresses);
        routeHints = List.copyOf(routeHints);
        routeHints.forEach(hint -> requireMatch(HEX_BYTES, hint, "routeHints"));
        featureBits = Collections.unmodifiableSortedSet(new TreeSet<>(featureBits));
        if (paymentMetadata != null) {
            requireMatch(HEX_BYTES, paymentMetadata, "paymentMetadata");
        }
    }

    public boolean hasAmount() {
        return amountMsat != null;
    }

    /**
     * The amount in whole satoshis. Refuses, rather than rounds, an absent amount or one with a millisatoshi
     * remainder: paying or crediting a rounded amount would silently move money the invoice did not ask for.
     */
    public long amountSats() {
        if (amountMsat == null) {
            throw new IllegalStateException("the invoice names no amount");
        }
        if (amountMsat % MSAT_PER_SAT != 0) {
            throw new IllegalStateException(amountMsat + " msat is not a whole number of satoshis");
        }
        return amountMsat / MSAT_PER_SAT;
    }

    public Instant expiresAt() {
        return timestamp.plusSeconds(expirySeconds);
    }

    /** True from the expiry instant on: a payer should not start a payment the payee may already refuse. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt());
    }

    public boolean hasFeature(int bit) {
        return featureBits.contains(bit);
    }

    private static void requireMatch(Pattern pattern, String value, String name) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not in the expected lower-case hex form: " + value);
        }
    }
}
