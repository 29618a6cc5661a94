package dev.lnjobs.infra.lightning.bolt11;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static dev.lnjobs.infra.lightning.bolt11.SpecExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Bolt11EncodeTest {

    private static final byte[] SPEC_PRIVATE_KEY = HexFormat.of().parseHex(PRIVATE_KEY);
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(TIMESTAMP);

    @Test
    void reproduces_the_spec_donation_example_exactly() {
        String encoded = Bolt11.encode(BitcoinNetwork.MAINNET, null, SPEC_TIME, PAYMENT_HASH, PAYMENT_SECRET,
                "Please consider supporting this project", 3600, SPEC_PRIVATE_KEY);

        assertThat(encoded).isEqualTo(DONATION);
    }

    @Test
    void reproduces_the_spec_coffee_examples_exactly() {
        assertThat(Bolt11.encode(BitcoinNetwork.MAINNET, 250_000_000L, SPEC_TIME, PAYMENT_HASH, PAYMENT_SECRET,
                "1 cup coffee", 60, SPEC_PRIVATE_KEY)).isEqualTo(COFFEE);
        assertThat(Bolt11.encode(BitcoinNetwork.MAINNET, 250_000_000L, SPEC_TIME, PAYMENT_HASH, PAYMENT_SECRET,
                "ナンセンス 1杯", 60, SPEC_PRIVATE_KEY)).isEqualTo(NONSENSE);
    }

    @Test
    void round_trips_every_field_and_recovers_the_signing_key() {
        NodeKey payee = NodeKey.generate();
        String paymentHash = sha256Hex("preimage");
        String paymentSecret = sha256Hex("secret");
        Instant created = Instant.parse("2025-06-01T12:00:00Z");

        String encoded = Bolt11.encode(BitcoinNetwork.REGTEST, 21_000L, created, paymentHash, paymentSecret,
                "job 42: summarise a PDF", 900, payee.privateKey());
        Bolt11Invoice decoded = Bolt11.decode(encoded);

        assertThat(encoded).startsWith("lnbcrt210n1");
        assertThat(decoded.network()).isEqualTo(BitcoinNetwork.REGTEST);
        assertThat(decoded.amountMsat()).isEqualTo(21_000L);
        assertThat(decoded.amountSats()).isEqualTo(21L);
        assertThat(decoded.timestamp()).isEqualTo(created);
        assertThat(decoded.paymentHash()).isEqualTo(paymentHash);
        assertThat(decoded.paymentSecret()).isEqualTo(paymentSecret);
        assertThat(decoded.description()).isEqualTo("job 42: summarise a PDF");
        assertThat(decoded.expirySeconds()).isEqualTo(900);
        assertThat(decoded.expiresAt()).isEqualTo(created.plusSeconds(900));
        assertThat(decoded.minFinalCltvExpiry()).isEqualTo(18);
        assertThat(decoded.featureBits()).containsExactly(8, 14);
        assertThat(decoded.payeePubKey()).isEqualTo(payee.publicKeyHex());
    }

    @Test
    void round_trips_on_signet_and_testnet_without_amount() {
        NodeKey payee = NodeKey.generate();
        for (BitcoinNetwork network : BitcoinNetwork.values()) {
            String encoded = Bolt11.encode(network, null, SPEC_TIME, PAYMENT_HASH, PAYMENT_SECRET, "any", 3600, payee);
            Bolt11Invoice decoded = Bolt11.decode(encoded);

            assertThat(encoded).startsWith("ln" + network.currencyPrefix() + "1");
            assertThat(decoded.network()).isEqualTo(network);
            assertThat(decoded.hasAmount()).isFalse();
            assertThat(decoded.payeePubKey()).isEqualTo(payee.publicKeyHex());
        }
    }

    @ParameterizedTest(name = "{0} msat is written as {1}")
    @CsvSource({
            "250000000, lnbc2500u1",
            "2000000000, lnbc20m1",
            "2400000000000, lnbc241",
            "100000000000, lnbc11",
            "1000, lnbc10n1",
            "1, lnbc10p1",
            "967878534, lnbc9678785340p1",
            "21000, lnbc210n1",
            "100000, lnbc1u1"})
    void writes_the_amount_with_the_largest_exact_multiplier(long amountMsat, String expectedStart) {
        String encoded = Bolt11.encode(BitcoinNetwork.MAINNET, amountMsat, SPEC_TIME, PAYMENT_HASH, PAYMENT_SECRET,
                "amount", 3600, SPEC_PRIVATE_KEY);

        assertThat(encoded).startsWith(expectedStart);
        assertThat(Bolt11.decode(encoded).amountMsat()).isEqualTo(amountMsat);
    }

    @Test
    void signs_deterministically_with_low_s() {
        NodeKey key = NodeKey.fromPrivateKeyHex(PRIVATE_KEY);
        BigInteger halfOrder = Secp256k1.ORDER.shiftRight(1);
        for (int i = 0; i < 64; i++) {
            byte[] hash = HexFormat.of().parseHex(sha256Hex("message " + i));
            Secp256k1.RecoverableSignature signature = Secp256k1.sign(hash, key.secret());

            assertThat(signature.s()).isLessThanOrEqualTo(halfOrder);
            assertThat(Secp256k1.sign(hash, key.secret())).isEqualTo(signature);
            assertThat(Secp256k1.recoverPublicKey(hash, signature)).hasValueSatisfying(
                    recovered -> assertThat(recovered).isEqualTo(key.publicKey()));
        }
    }

    @Test
    void refuses_inputs_that_cannot_make_a_valid_invoice() {
        assertThatThrownBy(() -> encodeWith(0L, PAYMENT_HASH, "d", 3600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encodeWith(null, "abcd", "d", 3600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encodeWith(null, PAYMENT_HASH, "d", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encodeWith(null, PAYMENT_HASH, "x".repeat(640), 3600))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Bolt11.decode(encodeWith(null, PAYMENT_HASH, "x".repeat(639), 3600)).description()).hasSize(639);
    }

    private static String encodeWith(Long amountMsat, String paymentHash, String description, long expiry) {
        return Bolt11.encode(BitcoinNetwork.MAINNET, amountMsat, SPEC_TIME, paymentHash, PAYMENT_SECRET, description,
                expiry, SPEC_PRIVATE_KEY);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
