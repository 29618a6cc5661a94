package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** An invoice left unpaid past its expiry ends the job as expired, through a persistent deadline. */
@TestPropertySource(properties = "lnjobs.lightning.invoice-expiry=2s")
class InvoiceExpiryTest extends ServerTest {

    @Test
    void an_unpaid_evaluation_invoice_expires_the_job() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"never paid\"}").body();
        String jobId = created.path("jobId").asText();

        JsonNode expired = JobWalkthroughTest.pollUntil(api, jobId, "expired", false);

        assertThat(expired.path("reason").asText()).contains("expired unpaid");
        ApiClient.Response late =
                api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        assertThat(late.body().path("outcome").asText()).isIn("NOT_PAID", "CONFIRMED", "ALREADY_PAID");
        assertThat(api.get("/api/jobs/" + jobId).body().path("state").asText()).isEqualTo("expired");
    }
}
