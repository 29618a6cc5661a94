package dev.lnjobs.infra.lightning.address;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the calls to a Lightning Address's service: {@code timeout} for each whole call, {@code maxBodyBytes}
 * for each answer. {@code insecureTestOrigin} (tests only, never in production): when set, well-known URLs are
 * fetched from that origin instead of https://domain, and http and loopback addresses are permitted.
 */
public record AddressFetchSettings(Duration timeout, int maxBodyBytes, String insecureTestOrigin) {

    public AddressFetchSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || maxBodyBytes < 1) {
            throw new IllegalArgumentException("a positive timeout and body size are needed");
        }
        if (insecureTestOrigin != null && insecureTestOrigin.isBlank()) {
            insecureTestOrigin = null;
        }
    }
}
