package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a payment request and refuses it, naming the failed check, unless it is complete and validly signed. */
final class InvoiceDecoder {

    static final int TIMESTAMP_WORDS = 7;
    private static final String LIGHTNING_PREFIX = "ln";
    /** BOLT 9 features with the invoice context, both bits of each pair: var_onion_optin, payment_secret,
     *  basic_mpp, option_route_blinding, option_payment_metadata. */
    static final Set<Integer> KNOWN_FEATURE_BITS = Set.of(8, 9, 14, 15, 16, 17, 24, 25, 48, 49);
    private static final HexFormat HEX = HexFormat.of();

    private InvoiceDecoder() {
    }

    static Bolt11Invoice decode(String paymentRequest) {
        Bech32.Decoded bech32 = Bech32.decode(paymentRequest);
        String hrp = bech32.hrp();
        if (!hrp.startsWith(LIGHTNING_PREFIX)) {
            throw new Bolt11Exception(Reason.BAD_PREFIX, "'" + hrp + "' does not start with 'ln'");
        }
        String currencyAndAmount = hrp.substring(LIGHTNING_PREFIX.length());
        int amountStart = firstDigit(currencyAndAmount);
        String currency = currencyAndAmount.substring(0, amountStart);
        BitcoinNetwork network = BitcoinNetwork.ofCurrencyPrefix(currency).orElseThrow(() ->
                new Bolt11Exception(Reason.BAD_PREFIX, "unknown currency prefix '" + currency + "'"));
        Long amountMsat = HrpAmount.parseMsat(currencyAndAmount.substring(amountStart));

        byte[] words = bech32.words();
        if (words.length < TIMESTAMP_WORDS + InvoiceSignature.WORDS) {
            throw new Bolt11Exception(Reason.TOO_SHORT,
                    words.length + " data words cannot hold a timestamp and a signature");
        }
        long timestamp = Bech32.wordsToLong(words, 0, TIMESTAMP_WORDS);
        TaggedFields fields = TaggedFields.read(words, TIMESTAMP_WORDS, words.length - InvoiceSignature.WORDS);
        requireMandatoryFields(fields);
        requireKnownCompulsoryFeatures(fields);
        if (fields.expirySeconds != null && fields.expirySeconds > Bolt11Invoice.MAX_EXPIRY_SECONDS) {
            throw new Bolt11Exception(Reason.BAD_FIELD_VALUE, "the x (expiry) field is " + fields.expirySeconds
                    + " s, more than a century (" + Bolt11Invoice.MAX_EXPIRY_SECONDS + " s)");
        }
        byte[] payeeKey = InvoiceSignature.payeeKey(hrp, words, fields.payeeKey);

        return new Bolt11Invoice(
                paymentRequest,
                network,
                amountMsat,
                Instant.ofEpochSecond(timestamp),
                HEX.formatHex(fields.paymentHash),
                HEX.formatHex(fields.paymentSecret),
                fields.description,
                fields.descriptionHash == null ? null : HEX.formatHex(fields.descriptionHash),
                orDefault(fields.expirySeconds, Bolt11Invoice.DEFAULT_EXPIRY_SECONDS),
                orDefault(fields.minFinalCltvExpiry, Bolt11Invoice.DEFAULT_MIN_FINAL_CLTV_EXPIRY),
                HEX.formatHex(payeeKey),
                fields.fallbackAddresses,
                fields.routeHints,
                fields.featureBits,
                fields.paymentMetadata == null ? null : HEX.formatHex(fields.paymentMetadata));
    }

    /** The amount starts at the first digit; a currency prefix never contains one. */
    private static int firstDigit(String currencyAndAmount) {
        for (int i = 0; i < currencyAndAmount.length(); i++) {
            if (Character.isDigit(currencyAndAmount.charAt(i))) {
                return i;
            }
        }
        return currencyAndAmount.length();
    }

    private static void requireMandatoryFields(TaggedFields fields) {
        if (fields.paymentHash == null) {
            throw new Bolt11Exception(Reason.MISSING_PAYMENT_HASH, "no p (payment hash) field of 52 words");
        }
        if (fields.paymentSecret == null) {
            throw new Bolt11Exception(Reason.MISSING_PAYMENT_SECRET, "no s (payment secret) field of 52 words");
        }
        if (fields.description == null && fields.descriptionHash == null) {
            throw new Bolt11Exception(Reason.MISSING_DESCRIPTION, "neither a d nor an h field");
        }
        if (fields.description != null && fields.descriptionHash != null) {
            throw new Bolt11Exception(Reason.AMBIGUOUS_DESCRIPTION, "both a d and an h field");
        }
    }

    private static void requireKnownCompulsoryFeatures(TaggedFields fields) {
        Set<Integer> unknownCompulsory = fields.featureBits.stream()
                .filter(bit -> bit % 2 == 0 && !KNOWN_FEATURE_BITS.contains(bit))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknownCompulsory.isEmpty()) {
            throw new Bolt11Exception(Reason.UNKNOWN_REQUIRED_FEATURE,
                    "requires feature bits this codec does not know: " + unknownCompulsory);
        }
    }

    private static long orDefault(Long value, long defaultValue) {
        return value == null ? defaultValue : value;
    }
}
