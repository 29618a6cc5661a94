package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.LnJobsApplication;
import dev.lnjobs.testsupport.TestDatabases;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile with every adapter real (pointed at a closed port: nothing here calls them) and every key
 * set, as production now requires, and the node bootstrap switched off (BOOTSTRAP_ENABLED=false).
 */
@SpringBootTest(classes = LnJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
class ProductionProfileTest {

    static final String ROOT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @LocalServerPort
    private int port;

    /** ServerTest's settings with the stubs replaced: its own registrations would win over a subclass's. */
    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshDatabase();
        registry.add("lnjobs.database.url", () -> url);
        Map<String, String> settings = TestSettings.all();
        settings.putAll(Map.of("lnjobs.session.macaroon-root-key", ROOT_KEY,
                "lnjobs.lightning.lnbits-url", "http://127.0.0.1:9", "lnjobs.lightning.lnbits-api-key", "invoice-key",
                "lnjobs.ai.anthropic-base-url", "http://127.0.0.1:9", "lnjobs.ai.anthropic-api-key", "model-key",
                "lnjobs.pricing.offline", "false", "lnjobs.pricing.coingecko-url", "http://127.0.0.1:9",
                "lnjobs.bootstrap.enabled", "false", "lnjobs.admin.token", ""));
        settings.forEach((key, value) -> registry.add(key, () -> value));
    }

    private ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    private static void assertNotFoundProblem(ApiClient.Response response) {
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void production_runs_the_real_adapters() {
        JsonNode health = api().get("/api/health").body();

        assertThat(health.path("lightning").asText()).isEqualTo("lnbits");
        assertThat(health.path("ai").asText()).isEqualTo("anthropic");
    }

    @Test
    void the_stub_pay_route_does_not_exist_in_production() {
        assertNotFoundProblem(api().post("/api/dev/stub/pay/" + "e".repeat(64)));
    }

    @Test
    void with_bootstrap_disabled_its_routes_do_not_exist() {
        ApiClient api = api();

        assertNotFoundProblem(api.post("/api/bootstrap"));
        assertNotFoundProblem(api.get("/api/bootstrap/0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a"));
    }
}
