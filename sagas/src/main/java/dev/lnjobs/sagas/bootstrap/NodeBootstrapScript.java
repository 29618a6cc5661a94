package dev.lnjobs.sagas.bootstrap;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what the saga knows about a new node into the first-boot script (cloud-init user data) that installs
 * bitcoind, LNbits and Tailscale on it.
 */
public interface NodeBootstrapScript {

    String render(NodeSetup setup);

    /**
     * The values the script needs. The node name becomes the hostname, so it must be a DNS label; the volume name
     * follows DigitalOcean's rule (lower case, starts with a letter).
     */
    record NodeSetup(String nodeName, String sshPublicKey, Optional<String> tailscaleAuthKey,
                     Optional<String> volumeName) {

        private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
        private static final Pattern VOLUME_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

        public NodeSetup {
            if (nodeName == null || !HOST_LABEL.matcher(nodeName).matches()) {
                throw new IllegalArgumentException("node name must be a lower-case DNS label: " + nodeName);
            }
            if (sshPublicKey == null || !sshPublicKey.startsWith("ssh-")) {
                throw new IllegalArgumentException("ssh public key must be an authorized_keys line");
            }
            Objects.requireNonNull(tailscaleAuthKey, "tailscaleAuthKey");
            Objects.requireNonNull(volumeName, "volumeName");
            volumeName.filter(name -> !VOLUME_NAME.matcher(name).matches()).ifPresent(name -> {
                throw new IllegalArgumentException("volume name must be lower case and start with a letter: " + name);
            });
        }

        /** Keeps the Tailscale auth key out of logs. */
        @Override
        public String toString() {
            return "NodeSetup[nodeName=" + nodeName + ", tailscaleAuthKey="
                    + tailscaleAuthKey.map(key -> "<redacted>").orElse("none") + ", volumeName="
                    + volumeName.orElse("none") + "]";
        }
    }
}
