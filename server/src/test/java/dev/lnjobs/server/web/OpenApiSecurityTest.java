package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document declares the three bearer schemes and names them on the operations that take them. */
class OpenApiSecurityTest extends ServerTest {

    @Test
    void the_schemes_are_declared_and_required_where_a_token_is_taken() {
        JsonNode document = api().get("/api/openapi.json").body();
        JsonNode schemes = document.path("components").path("securitySchemes");
        for (String scheme : List.of(OpenApiDocument.SESSION_MACAROON, OpenApiDocument.ACCESS_TOKEN,
                OpenApiDocument.ADMIN_TOKEN)) {
            assertThat(schemes.path(scheme).path("type").asText()).as(scheme).isEqualTo("http");
            assertThat(schemes.path(scheme).path("scheme").asText()).as(scheme).isEqualTo("bearer");
        }
        JsonNode paths = document.path("paths");
        assertThat(security(paths.path("/api/jobs/{jobId}/refund").path("post")))
                .containsExactly(OpenApiDocument.ACCESS_TOKEN);
        assertThat(security(paths.path("/api/bootstrap/{bootstrapJobId}").path("get")))
                .containsExactly(OpenApiDocument.ACCESS_TOKEN);
        assertThat(security(paths.path("/api/sessions/{sessionId}").path("get")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(security(paths.path("/api/sessions/{sessionId}/request").path("post")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(security(paths.path("/api/sessions/{sessionId}/topup").path("post")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(security(paths.path("/api/sessions/{sessionId}/withdraw").path("post")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(security(paths.path("/api/sessions/{sessionId}/withdraw/lnurl").path("post")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(paths.path("/api/lnurlw/{k1}").path("get").isObject()).isTrue();
        assertThat(security(paths.path("/api/lnurlw/{k1}").path("get"))).isEmpty();
        assertThat(security(paths.path("/api/lnurlw/callback").path("get"))).isEmpty();
        assertThat(security(paths.path("/api/sessions/{sessionId}/withdrawal").path("get")))
                .containsExactly(OpenApiDocument.SESSION_MACAROON);
        assertThat(security(paths.path("/api/admin/audit/pricing").path("get")))
                .containsExactly(OpenApiDocument.ADMIN_TOKEN);
        assertThat(security(paths.path("/api/jobs").path("post"))).isEmpty();
        assertThat(security(paths.path("/api/jobs/{jobId}").path("get"))).isEmpty();
    }

    private static List<String> security(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(names::add));
        return names;
    }
}
