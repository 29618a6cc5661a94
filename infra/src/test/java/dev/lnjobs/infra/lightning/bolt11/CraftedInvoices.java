package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.InvoiceEncoder.WordWriter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/** Signed invoices with fields this service never writes (extreme expiry, CLTV, route hints), for refusal tests. */
public final class CraftedInvoices {

    /** One route hint hop: 33-byte node key, 8-byte channel id, 4+4 bytes of fees, 2 bytes of CLTV delta. */
    private static final String HOP = "02" + "aa".repeat(32) + "00".repeat(8) + "00000001" + "00000001" + "0028";

    private CraftedInvoices() {
    }

    /**
     * A signed invoice with the mandatory fields and those given; a null expiry or CLTV leaves that field out.
     *
     * @param expiryWords the raw 5-bit words of the x field (up to 12, so up to 2^60 - 1 seconds), or null
     */
    public static String invoice(BitcoinNetwork network, long msat, Instant timestamp, String paymentHash,
                                 byte[] expiryWords, Long minFinalCltvExpiry, int routeHints, NodeKey key) {
        WordWriter data = new WordWriter();
        data.write(Bech32.longToWords(timestamp.getEpochSecond(), InvoiceDecoder.TIMESTAMP_WORDS));
        data.field(TaggedFields.PAYMENT_SECRET, Bech32.bytesToWords(HexFormat.of().parseHex("cd".repeat(32))));
        data.field(TaggedFields.PAYMENT_HASH, Bech32.bytesToWords(HexFormat.of().parseHex(paymentHash)));
        data.field(TaggedFields.DESCRIPTION, Bech32.bytesToWords("crafted".getBytes(StandardCharsets.UTF_8)));
        if (expiryWords != null) {
            data.field(TaggedFields.EXPIRY, expiryWords);
        }
        if (minFinalCltvExpiry != null) {
            data.field(TaggedFields.MIN_FINAL_CLTV_EXPIRY, Bech32.longToWords(minFinalCltvExpiry));
        }
        for (int i = 0; i < routeHints; i++) {
            data.field(TaggedFields.ROUTE_HINT, Bech32.bytesToWords(HexFormat.of().parseHex(HOP)));
        }
        data.field(TaggedFields.FEATURES, InvoiceEncoder.featureWords(InvoiceEncoder.FEATURE_BITS));
        String hrp = "ln" + network.currencyPrefix() + HrpAmount.format(msat);
        return InvoiceEncoder.signAndEncode(hrp, data.toWords(), key.secret());
    }

    /** The largest x field value the decoder reads: twelve words of 31, 2^60 - 1 seconds. */
    public static byte[] maxExpiryWords() {
        byte[] words = new byte[12];
        java.util.Arrays.fill(words, (byte) 31);
        return words;
    }

    public static byte[] expiryWords(long seconds) {
        return Bech32.longToWords(seconds);
    }
}
