package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The Anthropic endpoint (absent: stub mode) and the bounded retries of its transient errors. */
@ConfigurationProperties("lnjobs.ai")
public record AiProperties(String anthropicBaseUrl, String anthropicApiKey, int maxAttempts,
                           Duration firstRetryDelay) {

    public boolean stub() {
        return LightningProperties.isBlank(anthropicBaseUrl) || LightningProperties.isBlank(anthropicApiKey);
    }

    @Override
    public String toString() {
        return "AiProperties[anthropicBaseUrl=" + anthropicBaseUrl + ", key hidden]";
    }
}
