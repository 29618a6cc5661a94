package dev.lnjobs.infra.tailscale;

import dev.lnjobs.sagas.bootstrap.TailnetKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * {@link TailnetKeys} for stub mode: answers keys shaped like Tailscale's that no tailnet accepts, so the fake
 * node's cloud-init and credentials look like a real one's without touching any tailnet.
 */
public final class StubTailnetKeys implements TailnetKeys {

    private static final Logger log = LoggerFactory.getLogger(StubTailnetKeys.class);
    static final String PREFIX = "tskey-auth-stub-";

    private final SecureRandom random = new SecureRandom();

    public StubTailnetKeys() {
        log.warn("Stub tailnet: auth keys are fake (stub cloud mode; set DO_API_TOKEN, TAILSCALE_API_KEY and "
                + "TAILSCALE_TAILNET for real ones)");
    }

    @Override
    public String createAuthKey(String description, List<String> tags) {
        tags.stream().filter(tag -> !tag.startsWith("tag:")).findAny().ifPresent(tag -> {
            throw new IllegalArgumentException("Tailscale tags start with 'tag:': " + tag);
        });
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(secret);
    }
}
