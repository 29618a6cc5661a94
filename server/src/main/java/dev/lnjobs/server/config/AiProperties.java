package dev.lnjobs.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The Anthropic endpoint (absent: stub mode) and the bounded retries of its transient errors; for tests of slow
 * calls, how long the stub takes per call and whether it records each call in {@code stub_model_call}.
 */
@ConfigurationProperties("lnjobs.ai")
public record AiProperties(String anthropicBaseUrl, String anthropicApiKey, int maxAttempts,
                           Duration firstRetryDelay, Duration stubDelay, boolean stubRecordCalls) {

    public boolean stub() {
        return LightningProperties.isBlank(anthropicBaseUrl) || LightningProperties.isBlank(anthropicApiKey);
    }

    @Override
    public String toString() {
        return "AiProperties[anthropicBaseUrl=" + anthropicBaseUrl + ", key hidden]";
    }
}
