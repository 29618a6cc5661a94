package dev.lnjobs.infra.lightning.bolt11;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.lnjobs.infra.lightning.bolt11.SpecExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Bolt11SpecValidExamplesTest {

    @Test
    void decodes_donation_of_any_amount() {
        Bolt11Invoice invoice = Bolt11.decode(DONATION);

        assertThat(invoice.paymentRequest()).isEqualTo(DONATION);
        assertThat(invoice.network()).isEqualTo(BitcoinNetwork.MAINNET);
        assertThat(invoice.hasAmount()).isFalse();
        assertThat(invoice.amountMsat()).isNull();
        assertThat(invoice.timestamp()).isEqualTo(Instant.ofEpochSecond(TIMESTAMP));
        assertThat(invoice.paymentHash()).isEqualTo(PAYMENT_HASH);
        assertThat(invoice.paymentSecret()).isEqualTo(PAYMENT_SECRET);
        assertThat(invoice.description()).isEqualTo("Please consider supporting this project");
        assertThat(invoice.descriptionHash()).isNull();
        assertThat(invoice.expirySeconds()).isEqualTo(3600);
        assertThat(invoice.minFinalCltvExpiry()).isEqualTo(18);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
        assertThat(invoice.featureBits()).containsExactly(8, 14);
        assertThat(invoice.fallbackAddresses()).isEmpty();
        assertThat(invoice.routeHints()).isEmpty();
        assertThat(invoice.paymentMetadata()).isNull();
        assertThatThrownBy(invoice::amountSats).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decodes_three_dollars_for_a_coffee_within_one_minute() {
        Bolt11Invoice invoice = Bolt11.decode(COFFEE);

        assertThat(invoice.amountMsat()).isEqualTo(250_000_000L);
        assertThat(invoice.amountSats()).isEqualTo(250_000L);
        assertThat(invoice.description()).isEqualTo("1 cup coffee");
        assertThat(invoice.expirySeconds()).isEqualTo(60);
        assertThat(invoice.expiresAt()).isEqualTo(Instant.ofEpochSecond(TIMESTAMP + 60));
        assertThat(invoice.isExpired(Instant.ofEpochSecond(TIMESTAMP + 59))).isFalse();
        assertThat(invoice.isExpired(Instant.ofEpochSecond(TIMESTAMP + 60))).isTrue();
        assertThat(invoice.paymentHash()).isEqualTo(PAYMENT_HASH);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_a_utf8_description() {
        Bolt11Invoice invoice = Bolt11.decode(NONSENSE);

        assertThat(invoice.description()).isEqualTo("ナンセンス 1杯");
        assertThat(invoice.amountMsat()).isEqualTo(250_000_000L);
        assertThat(invoice.expirySeconds()).isEqualTo(60);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_a_hashed_description() {
        Bolt11Invoice invoice = Bolt11.decode(HASHED_LIST);

        assertThat(invoice.amountMsat()).isEqualTo(2_000_000_000L);
        assertThat(invoice.description()).isNull();
        assertThat(invoice.descriptionHash()).isEqualTo(DESCRIPTION_HASH);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_testnet_with_a_p2pkh_fallback() {
        Bolt11Invoice invoice = Bolt11.decode(TESTNET_P2PKH);

        assertThat(invoice.network()).isEqualTo(BitcoinNetwork.TESTNET);
        assertThat(invoice.amountMsat()).isEqualTo(2_000_000_000L);
        assertThat(invoice.descriptionHash()).isEqualTo(DESCRIPTION_HASH);
        assertThat(invoice.paymentHash()).isEqualTo(PAYMENT_HASH);
        // hash160 of mk2QpYatsKicvFVuTAQLBryyccRXMUaGHP
        assertThat(invoice.fallbackAddresses()).containsExactly(
                new FallbackAddress(FallbackAddress.P2PKH, "3172b5654f6683c8fb146959d347ce303cae4ca7"));
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_a_fallback_and_route_hints_through_two_nodes() {
        Bolt11Invoice invoice = Bolt11.decode(MAINNET_P2PKH_WITH_ROUTES);

        // hash160 of 1RustyRX2oai4EYYDpQGWvEL62BBGqN9T
        assertThat(invoice.fallbackAddresses()).containsExactly(
                new FallbackAddress(FallbackAddress.P2PKH, "04b61f7dc1ea0dc99424464cc4064dc564d91e89"));
        String node = "9e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255";
        assertThat(invoice.routeHints()).containsExactly(
                "02" + node + "0102030405060708" + "00000001" + "00000014" + "0003"
                        + "03" + node + "030405060708090a" + "00000002" + "0000001e" + "0004");
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_p2sh_p2wpkh_p2wsh_and_p2tr_fallbacks() {
        assertThat(Bolt11.decode(MAINNET_P2SH).fallbackAddresses()).containsExactly(
                new FallbackAddress(FallbackAddress.P2SH, "8f55563b9a19f321c211e9b9f38cdf686ea07845"));
        assertThat(Bolt11.decode(MAINNET_P2WPKH).fallbackAddresses()).containsExactly(
                new FallbackAddress(0, "751e76e8199196d454941c45d1b3a323f1433bd6"));
        assertThat(Bolt11.decode(MAINNET_P2WSH).fallbackAddresses()).containsExactly(
                new FallbackAddress(0, "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"));
        assertThat(Bolt11.decode(MAINNET_P2TR).fallbackAddresses()).containsExactly(
                new FallbackAddress(1, "0adac43daa9c8a5a68e09ea10692b82226ee190e572db9b90e17a410484ab405"));
        for (String example : List.of(MAINNET_P2SH, MAINNET_P2WPKH, MAINNET_P2WSH, MAINNET_P2TR)) {
            assertThat(Bolt11.decode(example).payeePubKey()).isEqualTo(PAYEE);
        }
    }

    @Test
    void decodes_a_pico_amount_expiry_cltv_and_route_hint() {
        Bolt11Invoice invoice = Bolt11.decode(PICO_AMOUNT_WEEK);

        assertThat(invoice.amountMsat()).isEqualTo(967_878_534L);
        assertThat(invoice.timestamp()).isEqualTo(Instant.ofEpochSecond(1572468703L));
        assertThat(invoice.paymentHash())
                .isEqualTo("462264ede7e14047e9b249da94fefc47f41f7d02ee9b091815a5506bc8abf75f");
        assertThat(invoice.description()).isEqualTo("Blockstream Store: 88.85 USD for Blockstream Ledger Nano S x 1,"
                + " \"Back In My Day\" Sticker x 2, \"I Got Lightning Working\" Sticker x 2 and 1 more items");
        assertThat(invoice.expirySeconds()).isEqualTo(604_800);
        assertThat(invoice.minFinalCltvExpiry()).isEqualTo(10);
        // 589390x3312x1, 1000 msat base fee, 2500 ppm, cltv delta 40
        assertThat(invoice.routeHints()).containsExactly(
                "03d06758583bb5154774a6eb221b1276c9e82d65bbaceca806d90e20c108f4b1c7"
                        + "08fe4e000cf00001" + "000003e8" + "000009c4" + "0028");
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
        assertThatThrownBy(invoice::amountSats).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a whole number of satoshis");
    }

    @Test
    void decodes_features_and_payment_secret_and_ignores_odd_unknown_feature_99() {
        Bolt11Invoice invoice = Bolt11.decode(COFFEE_BEANS);

        assertThat(invoice.amountMsat()).isEqualTo(2_500_000_000L);
        assertThat(invoice.description()).isEqualTo("coffee beans");
        assertThat(invoice.paymentSecret()).isEqualTo(PAYMENT_SECRET);
        assertThat(invoice.featureBits()).containsExactly(8, 14, 99);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_the_all_upper_case_form_to_the_same_invoice() {
        Bolt11Invoice upper = Bolt11.decode(COFFEE_BEANS_UPPER_CASE);
        Bolt11Invoice lower = Bolt11.decode(COFFEE_BEANS);

        assertThat(upper.paymentRequest()).isEqualTo(COFFEE_BEANS_UPPER_CASE);
        assertThat(upper).usingRecursiveComparison().ignoringFields("paymentRequest").isEqualTo(lower);
    }

    @Test
    void skips_unknown_fields_and_known_fields_of_unexpected_length() {
        Bolt11Invoice invoice = Bolt11.decode(COFFEE_BEANS_WITH_IGNORED_FIELDS);

        assertThat(invoice.paymentHash()).isEqualTo(PAYMENT_HASH);
        assertThat(invoice.paymentSecret()).isEqualTo(PAYMENT_SECRET);
        assertThat(invoice.description()).isEqualTo("coffee beans");
        assertThat(invoice.descriptionHash()).isNull();
        assertThat(invoice.fallbackAddresses()).isEmpty();
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void decodes_payment_metadata() {
        Bolt11Invoice invoice = Bolt11.decode(PAYMENT_METADATA);

        assertThat(invoice.amountMsat()).isEqualTo(1_000_000_000L);
        assertThat(invoice.description()).isEqualTo("payment metadata inside");
        assertThat(invoice.paymentMetadata()).isEqualTo("01fafaf0");
        assertThat(invoice.featureBits()).containsExactly(8, 14, 48);
        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
    }

    @Test
    void recovers_the_payee_from_a_high_s_signature_when_there_is_no_n_field() {
        Bolt11Invoice invoice = Bolt11.decode(HIGH_S_RECOVERY);

        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
        assertThat(invoice.description()).isEqualTo("Please consider supporting this project");
    }

    @Test
    void verifies_the_signature_against_an_explicit_n_field() {
        Bolt11Invoice invoice = Bolt11.decode(WITH_PAYEE_KEY_FIELD);

        assertThat(invoice.payeePubKey()).isEqualTo(PAYEE);
        assertThat(invoice.amountMsat()).isEqualTo(2_400_000_000_000L);
        assertThat(invoice.amountSats()).isEqualTo(2_400_000_000L);
        assertThat(invoice.paymentHash()).isEqualTo(PAYMENT_HASH);
        assertThat(invoice.descriptionHash()).isEqualTo(DESCRIPTION_HASH);
        assertThat(invoice.featureBits()).isEqualTo(Set.of(9, 15, 17));
    }
}
