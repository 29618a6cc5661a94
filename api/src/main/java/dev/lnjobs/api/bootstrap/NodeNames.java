package dev.lnjobs.api.bootstrap;

import java.util.Locale;

/** Names a bootstrap's cloud resources after its id, so an operator can tell whose a droplet or volume is. */
public final class NodeNames {

    private NodeNames() {
    }

    /** {@code timmy-node-} and the first 8 hex digits of the id: a DNS label, used as hostname. */
    public static String nodeName(String bootstrapId) {
        return "timmy-node-" + shortId(bootstrapId);
    }

    /** DigitalOcean volume names must start with a letter and be lower case. */
    public static String volumeName(String bootstrapId) {
        return "timmy-chain-" + shortId(bootstrapId);
    }

    private static String shortId(String bootstrapId) {
        String hex = bootstrapId.replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.length() < 8 || !hex.substring(0, 8).matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a bootstrap id is a UUID");
        }
        return hex.substring(0, 8);
    }
}
