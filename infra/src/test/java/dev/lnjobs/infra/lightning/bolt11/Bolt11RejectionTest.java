package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;
import dev.lnjobs.infra.lightning.bolt11.InvoiceEncoder.WordWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static dev.lnjobs.infra.lightning.bolt11.SpecExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refusals the spec's invalid examples do not cover, on invoices crafted and signed here with the spec's key. */
class Bolt11RejectionTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final NodeKey SPEC_KEY = NodeKey.fromPrivateKeyHex(PRIVATE_KEY);

    @Test
    void rejects_a_character_outside_the_bech32_alphabet() {
        String withLetterB = COFFEE.substring(0, 30) + "b" + COFFEE.substring(31);

        assertReason(withLetterB, Reason.BAD_BECH32);
    }

    @Test
    void rejects_an_empty_request_and_surrounding_whitespace() {
        assertReason("", Reason.BAD_BECH32);
        assertReason(" " + COFFEE, Reason.BAD_BECH32);
    }

    @Test
    void rejects_bech32_that_is_not_a_lightning_invoice() {
        assertReason("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Reason.BAD_PREFIX);
    }

    @Test
    void rejects_an_unknown_currency() {
        assertReason(signed("lnxy2500u", standardFields()), Reason.BAD_PREFIX);
    }

    @Test
    void rejects_a_zero_or_zero_padded_amount() {
        assertReason(signed("lnbc0u", standardFields()), Reason.BAD_AMOUNT);
        assertReason(signed("lnbc02500u", standardFields()), Reason.BAD_AMOUNT);
    }

    @Test
    void rejects_an_amount_beyond_a_long_of_millisatoshis() {
        assertReason(signed("lnbc100000000000", standardFields()), Reason.BAD_AMOUNT);
    }

    @Test
    void rejects_an_invoice_without_payment_hash() {
        WordWriter data = timestamped();
        data.field(TaggedFields.PAYMENT_SECRET, words(PAYMENT_SECRET));
        data.field(TaggedFields.DESCRIPTION, text("no hash"));

        assertReason(signed("lnbc", data), Reason.MISSING_PAYMENT_HASH);
    }

    @Test
    void rejects_an_invoice_without_description_or_hash() {
        WordWriter data = timestamped();
        data.field(TaggedFields.PAYMENT_SECRET, words(PAYMENT_SECRET));
        data.field(TaggedFields.PAYMENT_HASH, words(PAYMENT_HASH));

        assertReason(signed("lnbc", data), Reason.MISSING_DESCRIPTION);
    }

    @Test
    void rejects_an_invoice_with_both_description_and_hash() {
        WordWriter data = standardFields();
        data.field(TaggedFields.DESCRIPTION_HASH, words(DESCRIPTION_HASH));

        assertReason(signed("lnbc", data), Reason.AMBIGUOUS_DESCRIPTION);
    }

    @Test
    void rejects_a_field_that_runs_into_the_signature() {
        WordWriter data = standardFields();
        data.write(new byte[] {TaggedFields.DESCRIPTION, 1, 0}); // claims 32 words, none follow

        assertReason(signed("lnbc", data), Reason.BAD_FIELD_LENGTH);
    }

    @Test
    void rejects_a_description_that_is_not_utf8() {
        WordWriter data = timestamped();
        data.field(TaggedFields.PAYMENT_SECRET, words(PAYMENT_SECRET));
        data.field(TaggedFields.PAYMENT_HASH, words(PAYMENT_HASH));
        data.field(TaggedFields.DESCRIPTION, Bech32.bytesToWords(new byte[] {(byte) 0xc3, (byte) 0x28}));

        assertReason(signed("lnbc", data), Reason.BAD_FIELD_VALUE);
    }

    @Test
    void rejects_a_signature_that_does_not_verify_against_the_n_field() {
        NodeKey someoneElse = NodeKey.generate();
        WordWriter data = standardFields();
        data.field(TaggedFields.PAYEE_KEY, Bech32.bytesToWords(someoneElse.publicKey()));

        assertReason(signed("lnbc", data), Reason.BAD_SIGNATURE);
    }

    @Test
    void accepts_an_n_field_that_names_the_signer() {
        WordWriter data = standardFields();
        data.field(TaggedFields.PAYEE_KEY, Bech32.bytesToWords(SPEC_KEY.publicKey()));

        assertThat(Bolt11.decode(signed("lnbc", data)).payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void tampering_without_n_field_yields_a_different_payee_not_the_signer() {
        // Without n the signature names its own signer: a changed amount "verifies" for some other, random key.
        // This is why a payer must compare the payee with the node it expects.
        Bech32.Decoded original = Bech32.decode(COFFEE);
        String tampered = Bech32.encode("lnbc2501u", original.words());

        assertThat(Bolt11.decode(tampered).payeePubKey()).isNotEqualTo(PAYEE);
    }

    private static void assertReason(String invoice, Reason reason) {
        assertThatThrownBy(() -> Bolt11.decode(invoice))
                .isInstanceOfSatisfying(Bolt11Exception.class,
                        refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    private static String signed(String hrp, WordWriter data) {
        return InvoiceEncoder.signAndEncode(hrp, data.toWords(), SPEC_KEY.secret());
    }

    private static WordWriter timestamped() {
        WordWriter data = new WordWriter();
        data.write(Bech32.longToWords(TIMESTAMP, InvoiceDecoder.TIMESTAMP_WORDS));
        return data;
    }

    private static WordWriter standardFields() {
        WordWriter data = timestamped();
        data.field(TaggedFields.PAYMENT_SECRET, words(PAYMENT_SECRET));
        data.field(TaggedFields.PAYMENT_HASH, words(PAYMENT_HASH));
        data.field(TaggedFields.DESCRIPTION, text("crafted"));
        return data;
    }

    private static byte[] words(String hex) {
        return Bech32.bytesToWords(HEX.parseHex(hex));
    }

    private static byte[] text(String description) {
        return Bech32.bytesToWords(description.getBytes(StandardCharsets.UTF_8));
    }
}
