package dev.lnjobs.server.config;

import dev.lnjobs.infra.lightning.address.AddressFetchSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Bounds of the calls to Lightning Address services (LIGHTNING_ADDRESS_TIMEOUT_SECONDS for each whole call,
 * LIGHTNING_ADDRESS_MAX_BODY_BYTES for each answer). {@code insecureTestOrigin} is a test allowance with no
 * environment name of its own: it permits http and loopback, and production refuses to start with it.
 */
@ConfigurationProperties("lnjobs.lightning-address")
public record LightningAddressProperties(Duration timeout, Integer maxBodyBytes, String insecureTestOrigin) {

    static final String INSECURE_TEST_ORIGIN = "lnjobs.lightning-address.insecure-test-origin";

    public AddressFetchSettings settings() {
        return new AddressFetchSettings(timeout == null ? Duration.ofSeconds(10) : timeout,
                maxBodyBytes == null ? 65_536 : maxBodyBytes, insecureTestOrigin);
    }

    boolean testAllowance() {
        return !LightningProperties.isBlank(insecureTestOrigin);
    }
}
