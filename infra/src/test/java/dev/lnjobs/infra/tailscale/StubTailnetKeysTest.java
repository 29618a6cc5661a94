package dev.lnjobs.infra.tailscale;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubTailnetKeysTest {

    private final StubTailnetKeys keys = new StubTailnetKeys();

    @Test
    void answers_a_fresh_key_shaped_like_tailscales_and_marked_as_stub() {
        String first = keys.createAuthKey("timmy node timmy-node-1a2b3c4d", List.of("tag:timmy-node"));
        String second = keys.createAuthKey("timmy node timmy-node-1a2b3c4d", List.of());

        assertThat(first).matches("tskey-auth-stub-[0-9a-f]{32}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void refuses_tags_without_the_tag_prefix_as_tailscale_would() {
        assertThatThrownBy(() -> keys.createAuthKey("x", List.of("timmy-node")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
