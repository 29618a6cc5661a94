package dev.lnjobs.infra.ssh;

import dev.lnjobs.infra.ssh.SshKeyCipher.Sealed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshKeyCipherTest {

    private static final String ID = "1a2b3c4d-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private final String privateKey = new Ed25519SshKeyGenerator().generate("timmy-node-1a2b3c4d").privateKeyPem();
    private final SshKeyCipher cipher = SshKeyCipher.fromHex(KEY_HEX);

    @Test
    void opens_what_it_sealed() {
        Sealed sealed = cipher.seal(ID, privateKey);

        assertThat(cipher.open(ID, sealed)).isEqualTo(privateKey);
    }

    @Test
    void the_sealed_form_holds_no_trace_of_the_key_and_carries_a_16_byte_tag() {
        Sealed sealed = cipher.seal(ID, privateKey);

        String asText = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1);
        String firstLineOfKey = privateKey.lines().skip(1).findFirst().orElseThrow();
        assertThat(asText).doesNotContain("OPENSSH").doesNotContain(firstLineOfKey);
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.ciphertext()).hasSize(privateKey.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void every_seal_uses_a_fresh_nonce() {
        assertThat(cipher.seal(ID, privateKey).nonce()).isNotEqualTo(cipher.seal(ID, privateKey).nonce());
    }

    @Test
    void a_flipped_bit_is_detected() {
        Sealed sealed = cipher.seal(ID, privateKey);
        byte[] altered = sealed.ciphertext().clone();
        altered[5] ^= 1;

        assertThatThrownBy(() -> cipher.open(ID, new Sealed(sealed.nonce(), altered)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not authenticate");
    }

    @Test
    void a_ciphertext_moved_to_another_bootstrap_does_not_open() {
        Sealed sealed = cipher.seal(ID, privateKey);

        assertThatThrownBy(() -> cipher.open("9f8e7d6c-0d3a-4c1e-9a57-2f0e5d8c7b11", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void another_key_does_not_open_it() {
        Sealed sealed = cipher.seal(ID, privateKey);
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 7);

        assertThatThrownBy(() -> new SshKeyCipher(other, new SecureRandom()).open(ID, sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refuses_a_key_that_is_not_64_hex_digits_without_echoing_it() {
        assertThatThrownBy(() -> SshKeyCipher.fromHex("abc123secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits")
                .message().doesNotContain("abc123secret");
        assertThatThrownBy(() -> SshKeyCipher.fromHex(KEY_HEX + "00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void its_description_hides_the_key() {
        assertThat(cipher.toString()).doesNotContain("0001020304");
    }
}
