package dev.lnjobs.infra.lightning.bolt11;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Bolt11NodeKeyTest {

    @Test
    void derives_the_spec_payee_key_from_the_spec_private_key() {
        NodeKey key = NodeKey.fromPrivateKeyHex(SpecExamples.PRIVATE_KEY);

        assertThat(key.publicKeyHex()).isEqualTo(SpecExamples.PAYEE);
        assertThat(NodeKey.publicKeyHexOf(HexFormat.of().parseHex(SpecExamples.PRIVATE_KEY)))
                .isEqualTo(SpecExamples.PAYEE);
    }

    @Test
    void generates_distinct_keys_that_survive_a_round_trip_through_their_bytes() {
        NodeKey first = NodeKey.generate(new SecureRandom());
        NodeKey second = NodeKey.generate();

        assertThat(first).isNotEqualTo(second);
        assertThat(first.privateKey()).hasSize(32);
        assertThat(first.publicKey()).hasSize(33);
        assertThat(first.publicKeyHex()).matches("0[23][0-9a-f]{64}");
        assertThat(NodeKey.fromPrivateKey(first.privateKey())).isEqualTo(first);
    }

    @Test
    void never_prints_the_private_key() {
        NodeKey key = NodeKey.fromPrivateKeyHex(SpecExamples.PRIVATE_KEY);

        assertThat(key.toString()).contains(SpecExamples.PAYEE).doesNotContain(SpecExamples.PRIVATE_KEY);
    }

    @Test
    void refuses_keys_outside_the_curve_order() {
        assertThatThrownBy(() -> NodeKey.fromPrivateKey(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeKey.fromPrivateKeyHex(
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeKey.fromPrivateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
