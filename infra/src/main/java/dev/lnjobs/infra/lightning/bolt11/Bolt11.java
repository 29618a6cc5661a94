package dev.lnjobs.infra.lightning.bolt11;

import java.time.Instant;

/**
 * BOLT 11 Lightning payment requests: decode one to check what paying it means, or write and sign one.
 * Decoding throws {@link Bolt11Exception} whose {@link Bolt11Exception#reason()} names the failed check.
 */
public final class Bolt11 {

    private Bolt11() {
    }

    /** Parses, checks and signature-verifies a payment request (all lower or all upper case, no "lightning:"). */
    public static Bolt11Invoice decode(String paymentRequest) {
        return InvoiceDecoder.decode(paymentRequest);
    }

    /**
     * Writes a signed payment request with a payment secret, an inline description and the features that secret
     * implies. The amount is written with the largest multiplier that keeps it exact, the expiry only when it is not
     * the 3600 s default, and the signature is deterministic (RFC 6979) with low S.
     *
     * @param amountMsat  millisatoshis, or null for an any-amount invoice
     * @param timestamp   creation time; sub-second precision is dropped
     * @param paymentHash 32 bytes as hex
     * @param paymentSecret 32 bytes as hex
     * @param description UTF-8, at most 639 bytes
     * @param privateKey  the payee node's 32-byte secp256k1 private key
     */
    public static String encode(BitcoinNetwork network, Long amountMsat, Instant timestamp, String paymentHash,
                                String paymentSecret, String description, long expirySeconds, byte[] privateKey) {
        return encode(network, amountMsat, timestamp, paymentHash, paymentSecret, description, expirySeconds,
                NodeKey.fromPrivateKey(privateKey));
    }

    public static String encode(BitcoinNetwork network, Long amountMsat, Instant timestamp, String paymentHash,
                                String paymentSecret, String description, long expirySeconds, NodeKey payeeKey) {
        return InvoiceEncoder.encode(network, amountMsat, timestamp, paymentHash, paymentSecret, description,
                expirySeconds, payeeKey);
    }

    /** As {@link #encode}, committing to a description by its sha256 ({@code h} field, 64 hex digits) instead. */
    public static String encodeWithDescriptionHash(BitcoinNetwork network, Long amountMsat, Instant timestamp,
                                                   String paymentHash, String paymentSecret, String descriptionHash,
                                                   long expirySeconds, NodeKey payeeKey) {
        return InvoiceEncoder.encode(network, amountMsat, timestamp, paymentHash, paymentSecret, null,
                descriptionHash, expirySeconds, payeeKey);
    }
}
