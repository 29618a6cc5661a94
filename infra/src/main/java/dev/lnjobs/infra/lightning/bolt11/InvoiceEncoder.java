package dev.lnjobs.infra.lightning.bolt11;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Writes and signs a payment request with the fields this service issues, in the order the spec's examples use:
 * {@code s}, {@code p}, {@code d}, {@code x} (only when not the 3600 s default), {@code 9}.
 */
final class InvoiceEncoder {

    /** var_onion_optin and payment_secret, both compulsory, as every invoice with an {@code s} field sets them. */
    static final int[] FEATURE_BITS = {8, 14};
    private static final long MAX_TIMESTAMP = (1L << 35) - 1;
    private static final HexFormat HEX = HexFormat.of();

    private InvoiceEncoder() {
    }

    static String encode(BitcoinNetwork network, Long amountMsat, Instant timestamp, String paymentHash,
                         String paymentSecret, String description, long expirySeconds, NodeKey payeeKey) {
        if (description == null) {
            throw new IllegalArgumentException("network, timestamp, description and key are required");
        }
        return encode(network, amountMsat, timestamp, paymentHash, paymentSecret, description, null, expirySeconds,
                payeeKey);
    }

    /** With an inline description or, when it is null, the {@code h} field (32 bytes as hex) instead. */
    static String encode(BitcoinNetwork network, Long amountMsat, Instant timestamp, String paymentHash,
                         String paymentSecret, String description, String descriptionHash, long expirySeconds,
                         NodeKey payeeKey) {
        if (network == null || timestamp == null || description == null && descriptionHash == null
                || payeeKey == null) {
            throw new IllegalArgumentException("network, timestamp, description and key are required");
        }
        long seconds = timestamp.getEpochSecond();
        if (seconds < 0 || seconds > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp " + timestamp + " does not fit in 35 bits");
        }
        if (expirySeconds <= 0) {
            throw new IllegalArgumentException("expiry must be positive, not " + expirySeconds);
        }
        String hrp = "ln" + network.currencyPrefix() + (amountMsat == null ? "" : HrpAmount.format(amountMsat));

        WordWriter data = new WordWriter();
        data.write(Bech32.longToWords(seconds, InvoiceDecoder.TIMESTAMP_WORDS));
        data.field(TaggedFields.PAYMENT_SECRET, Bech32.bytesToWords(bytes32(paymentSecret, "paymentSecret")));
        data.field(TaggedFields.PAYMENT_HASH, Bech32.bytesToWords(bytes32(paymentHash, "paymentHash")));
        if (description != null) {
            data.field(TaggedFields.DESCRIPTION, Bech32.bytesToWords(description.getBytes(StandardCharsets.UTF_8)));
        } else {
            data.field(TaggedFields.DESCRIPTION_HASH, Bech32.bytesToWords(bytes32(descriptionHash,
                    "descriptionHash")));
        }
        if (expirySeconds != Bolt11Invoice.DEFAULT_EXPIRY_SECONDS) {
            data.field(TaggedFields.EXPIRY, Bech32.longToWords(expirySeconds));
        }
        data.field(TaggedFields.FEATURES, featureWords(FEATURE_BITS));
        return signAndEncode(hrp, data.toWords(), payeeKey.secret());
    }

    /** Appends the signature to already-written data words; tests use it to sign deliberately incomplete invoices. */
    static String signAndEncode(String hrp, byte[] dataWords, BigInteger secret) {
        WordWriter signed = new WordWriter();
        signed.write(dataWords);
        signed.write(InvoiceSignature.sign(hrp, dataWords, secret));
        return Bech32.encode(hrp, signed.toWords());
    }

    /** Big-endian feature vector in the fewest words that hold its highest bit. */
    static byte[] featureWords(int... bits) {
        int highest = 0;
        for (int bit : bits) {
            highest = Math.max(highest, bit);
        }
        byte[] words = new byte[highest / 5 + 1];
        for (int bit : bits) {
            words[words.length - 1 - bit / 5] |= (byte) (1 << (bit % 5));
        }
        return words;
    }

    private static byte[] bytes32(String hex, String name) {
        byte[] bytes;
        try {
            bytes = HEX.parseHex(hex == null ? "" : hex);
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException(name + " is not hex", notHex);
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes (64 hex characters)");
        }
        return bytes;
    }

    /** Collects 5-bit words; a tagged field is its type, its 10-bit length, then its data. */
    static final class WordWriter {
        private final ByteArrayOutputStream words = new ByteArrayOutputStream();

        void write(byte[] more) {
            words.writeBytes(more);
        }

        void field(int type, byte[] data) {
            if (data.length > TaggedFields.MAX_DATA_WORDS) {
                throw new IllegalArgumentException("field type " + type + " is longer than 1023 words (639 bytes)");
            }
            words.write(type);
            words.write(data.length >> 5);
            words.write(data.length & 31);
            words.writeBytes(data);
        }

        byte[] toWords() {
            return words.toByteArray();
        }
    }
}
