package dev.lnjobs.server.audit;

import dev.lnjobs.server.LnJobsApplication;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.TestSettings;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A server of its own with ADMIN_TOKEN unset: the admin routes do not exist, whatever token is offered. */
@SpringBootTest(classes = LnJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminDisabledTest {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshDatabase();
        registry.add("lnjobs.database.url", () -> url);
        Map<String, String> settings = TestSettings.all();
        settings.put("lnjobs.admin.token", "  ");
        settings.forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void the_pricing_audit_is_404_when_admin_token_is_unset() {
        ApiClient api = new ApiClient("http://localhost:" + port);

        ApiClient.Response anonymous = api.get("/api/admin/audit/pricing");
        ApiClient.Response withBlankToken = api.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/admin/audit/pricing"))
                .header("Authorization", "Bearer "));

        for (ApiClient.Response response : new ApiClient.Response[]{anonymous, withBlankToken}) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("detail").asText()).isEqualTo("admin endpoints are disabled");
            assertThat(response.header("WWW-Authenticate")).isNull();
        }
    }
}
