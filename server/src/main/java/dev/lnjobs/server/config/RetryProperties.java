package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What every saga's retry delays share: each is lengthened by up to {@code jitterPct} percent, drawn from the saga's
 * id, so that the sagas a failing service stopped together do not all try again in the same instant.
 */
@ConfigurationProperties("lnjobs.retry")
public record RetryProperties(int jitterPct) {

    public RetryProperties {
        if (jitterPct < 0 || jitterPct > 100) {
            throw new IllegalArgumentException("RETRY_JITTER_PCT must be between 0 and 100, not " + jitterPct);
        }
    }

    public double jitter() {
        return jitterPct / 100.0;
    }
}
