package dev.lnjobs.server.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!". */
    private static final String GITHUB_EXAMPLE =
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");

    @Test
    void signs_as_githubs_documentation_does() {
        assertThat(signature.signHex(BODY)).isEqualTo(GITHUB_EXAMPLE);
    }

    @Test
    void accepts_the_github_form_with_its_sha256_prefix() {
        assertThat(signature.verifies(BODY, "sha256=" + GITHUB_EXAMPLE, null)).isTrue();
        assertThat(signature.verifies(BODY, "sha256=" + GITHUB_EXAMPLE.toUpperCase(), null)).isTrue();
        assertThat(signature.verifies(BODY, GITHUB_EXAMPLE, null)).as("without its prefix").isFalse();
    }

    @Test
    void accepts_the_gitea_form_of_bare_hex() {
        assertThat(signature.verifies(BODY, null, GITHUB_EXAMPLE)).isTrue();
        assertThat(signature.verifies(BODY, null, "sha256=" + GITHUB_EXAMPLE)).isFalse();
    }

    @Test
    void refuses_a_missing_a_wrong_or_a_malformed_signature() {
        String wrong = GITHUB_EXAMPLE.substring(0, 63) + "8";
        assertThat(signature.verifies(BODY, null, null)).isFalse();
        assertThat(signature.verifies(BODY, "sha256=" + wrong, null)).isFalse();
        assertThat(signature.verifies(BODY, null, wrong)).isFalse();
        assertThat(signature.verifies(BODY, "sha256=zz", "not hex")).isFalse();
        assertThat(signature.verifies(BODY, "sha256=", "")).isFalse();
        assertThat(signature.verifies("Hello, World?".getBytes(StandardCharsets.UTF_8),
                "sha256=" + GITHUB_EXAMPLE, GITHUB_EXAMPLE)).as("another body").isFalse();
        assertThat(new WebhookSignature("another secret").verifies(BODY, "sha256=" + GITHUB_EXAMPLE,
                GITHUB_EXAMPLE)).isFalse();
    }

    @Test
    void needs_a_secret() {
        assertThatThrownBy(() -> new WebhookSignature(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSignature(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
