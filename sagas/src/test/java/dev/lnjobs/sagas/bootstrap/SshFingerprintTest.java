package dev.lnjobs.sagas.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshFingerprintTest {

    @Test
    void matches_what_ssh_keygen_prints_for_the_key() {
        // ssh-keygen -lf: 256 SHA256:tw3fHc44RCRiKveK3q+zygW/c0tfS4DqutBL2dPZfm0 timmy-node-1a2b3c4d (ED25519)
        assertThat(SshFingerprint.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtQUDh2Bq0ZkRn1yG8JZs9s6GAXDwSbKzMlkrX2DLyE "
                + "timmy-node-1a2b3c4d")).isEqualTo("SHA256:tw3fHc44RCRiKveK3q+zygW/c0tfS4DqutBL2dPZfm0");
    }

    @Test
    void ignores_the_comment() {
        assertThat(SshFingerprint.of(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtQUDh2Bq0ZkRn1yG8JZs9s6GAXDwSbKzMlkrX2DLyE"))
                .isEqualTo("SHA256:tw3fHc44RCRiKveK3q+zygW/c0tfS4DqutBL2dPZfm0");
    }

    @Test
    void refuses_a_line_without_a_key() {
        assertThatThrownBy(() -> SshFingerprint.of("ssh-ed25519")).isInstanceOf(IllegalArgumentException.class);
    }
}
