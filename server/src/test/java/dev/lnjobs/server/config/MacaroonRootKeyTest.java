package dev.lnjobs.server.config;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MACAROON_ROOT_KEY is hex of at least 32 bytes; a refusal never repeats the key. */
class MacaroonRootKeyTest {

    private static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void a_configured_hex_key_of_32_bytes_is_used_as_is() {
        byte[] key = MacaroonRootKey.load("  " + KEY_HEX.toUpperCase() + "\n", true, null, Clock.systemUTC());
        assertThat(key).hasSize(32);
        assertThat(key[1]).isEqualTo((byte) 0x11);
        assertThat(key[31]).isEqualTo((byte) 0xff);
    }

    @Test
    void a_short_key_is_refused_without_echoing_it() {
        String shortKey = KEY_HEX.substring(0, 62);
        assertThatThrownBy(() -> MacaroonRootKey.parse(shortKey))
                .hasMessage("MACAROON_ROOT_KEY must be at least 32 bytes (64 hex characters), not 31")
                .message().doesNotContain(shortKey);
    }

    @Test
    void a_key_that_is_not_hex_is_refused_without_echoing_it() {
        String notHex = "z".repeat(64);
        assertThatThrownBy(() -> MacaroonRootKey.parse(notHex))
                .hasMessage("MACAROON_ROOT_KEY must be hexadecimal");
    }

    @Test
    void production_without_a_key_refuses_to_start() {
        assertThatThrownBy(() -> MacaroonRootKey.load("", true, null, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MACAROON_ROOT_KEY must be set in production");
    }
}
