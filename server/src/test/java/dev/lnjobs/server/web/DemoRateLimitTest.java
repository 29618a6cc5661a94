package dev.lnjobs.server.web;

import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRateLimitTest extends ServerTest {

    @Test
    void five_demo_requests_an_hour_then_429_with_retry_after() {
        ApiClient api = api();
        for (int i = 0; i < 5; i++) {
            ApiClient.Response ok = api.get("/api/demo?request=Explain+proof+of+work+" + i);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body().path("result").asText()).startsWith("Stub result for: Explain proof of work");
        }
        ApiClient.Response limited = api.get("/api/demo?request=once+more");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
    }
}
