package dev.lnjobs.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit over HTTP against the store the other server tests share. Stub jobs "Write a haiku about lightning
 * payments" are quoted 129 sats at the fallback price. Tampering rewrites a row in place, and restores it after its
 * test, so that no saga or projection of the shared server reacts and the store stays clean for the others
 * (appended events are audited in PricingAuditCommandTest, on a store of its own).
 */
class PricingAuditEndpointTest extends ServerTest {

    private static final String PATH = "/api/admin/audit/pricing";
    private static final String TOKEN = TestSettings.all().get("lnjobs.admin.token");
    private static final String REQUEST = "Write a haiku about lightning payments";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_store_written_by_the_server_audits_with_no_mismatches() {
        ApiClient api = api();
        completeJob(api, REQUEST);
        completeJob(api, "Summarise the history of the Lightning Network in " + "very ".repeat(30) + "few words");
        rejectedJob(api);
        long eventsBefore = storedEvents();

        ApiClient.Response audit = getWithToken(TOKEN);

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.contentType()).startsWith("application/json");
        JsonNode report = audit.body();
        assertThat(report.path("mismatchCount").asLong()).isZero();
        assertThat(report.path("mismatches")).isEmpty();
        assertThat(report.path("jobsAudited").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("eventsRead").asLong() + report.path("eventsSkipped").asLong())
                .isBetween(eventsBefore, storedEvents());
        assertThat(report.path("eventsPerSecond").asLong()).isPositive();
    }

    @Test
    void a_work_invoice_amount_rewritten_in_place_is_reported() {
        String jobId = completeJob(api(), REQUEST);
        String rewrite = "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "?, ?), 'UTF8') WHERE aggregate_identifier = ? AND payload_type LIKE '%$WorkInvoiceIssued'";
        assertThat(jdbc.update(rewrite, "\"amountSats\":129", "\"amountSats\":130", jobId)).isEqualTo(1);
        try {
            JsonNode report = getWithToken(TOKEN).body();

            assertThat(report.path("mismatchCount").asLong()).isEqualTo(1);
            JsonNode mismatch = report.path("mismatches").path(0);
            assertThat(mismatch.path("jobId").asText()).isEqualTo(jobId);
            assertThat(mismatch.path("check").asText()).isEqualTo("work_invoice.amount_sats");
            assertThat(mismatch.path("expected").asText()).isEqualTo("129");
            assertThat(mismatch.path("recorded").asText()).isEqualTo("130");
        } finally {
            jdbc.update(rewrite, "\"amountSats\":130", "\"amountSats\":129", jobId);
        }
    }

    @Test
    void without_the_token_the_answer_is_401_with_a_bearer_challenge() {
        ApiClient.Response missing = api().get(PATH);
        ApiClient.Response wrong = getWithToken("not-the-" + TOKEN);
        ApiClient.Response basic = api().send(HttpRequest.newBuilder(uri()).header("Authorization", "Basic " + TOKEN));

        for (ApiClient.Response response : new ApiClient.Response[]{missing, wrong, basic}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(response.body().path("title").asText()).isEqualTo("Unauthorized");
            assertThat(response.raw().body()).doesNotContain(TOKEN.substring(5));
        }
    }

    private ApiClient.Response getWithToken(String token) {
        return api().send(HttpRequest.newBuilder(uri()).header("Authorization", "Bearer " + token).GET());
    }

    private URI uri() {
        return URI.create("http://localhost:" + port + PATH);
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** Pays both invoices of a new job through the stub wallet and waits until it is complete. */
    private static String completeJob(ApiClient api, String request) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode quoted = awaitState(api, jobId, "awaiting_work_payment");
        api.post("/api/dev/stub/pay/" + quoted.path("workInvoice").path("paymentHash").asText());
        awaitState(api, jobId, "complete");
        return jobId;
    }

    private static void rejectedJob(ApiClient api) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Please reject this request\"}").body();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        awaitState(api, created.path("jobId").asText(), "rejected");
    }

    private static JsonNode awaitState(ApiClient api, String jobId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/jobs/" + jobId).body(),
                        job -> job.path("state").asText().equals(state)
                                && (!state.equals("awaiting_work_payment") || job.has("workInvoice")));
    }
}
