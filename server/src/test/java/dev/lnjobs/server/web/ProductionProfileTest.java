package dev.lnjobs.server.web;

import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ActiveProfiles("production")
// production refuses to start with a development macaroon key
@TestPropertySource(properties = "lnjobs.session.macaroon-root-key=" + ProductionProfileTest.ROOT_KEY)
class ProductionProfileTest extends ServerTest {

    static final String ROOT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void the_stub_pay_route_does_not_exist_in_production() {
        ApiClient api = api();
        String hash = api.postJson("/api/jobs", "{\"request\": \"hello\"}").body()
                .path("evalInvoice").path("paymentHash").asText();

        ApiClient.Response response = api.post("/api/dev/stub/pay/" + hash);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/jobs/" + api.postJson("/api/jobs", "{\"request\": \"x\"}").body()
                .path("jobId").asText()).body().path("state").asText()).isEqualTo("awaiting_eval_payment");
    }
}
