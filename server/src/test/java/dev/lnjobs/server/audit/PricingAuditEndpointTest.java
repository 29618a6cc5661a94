package dev.lnjobs.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit over HTTP against the store the other server tests share. Stub jobs "Write a haiku about lightning
 * payments" are quoted 129 sats; evaluation 40 in / 20 out (haiku) and work 60 in / 14 out (sonnet) cost
 * (0.000112 + 0.00039 + 0.1) × 1.25 = 0.1256275 USD = 126 sats, so 3 are owed back. Tampering is undone after
 * each test, so the shared store stays clean.
 */
class PricingAuditEndpointTest extends ServerTest {

    private static final String PATH = "/api/admin/audit/pricing";
    private static final String TOKEN = TestSettings.all().get("lnjobs.admin.token");
    private static final String REQUEST = "Write a haiku about lightning payments";

    @Autowired
    private EventStore eventStore;
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
    void an_appended_refund_request_for_another_amount_is_reported() {
        String jobId = completeJob(api(), REQUEST);
        long next = eventStore.lastSequenceNumberFor(jobId).orElseThrow() + 1;
        GenericDomainEventMessage<RefundRequested> tampered = new GenericDomainEventMessage<>("Job", jobId, next,
                new RefundRequested(jobId, "lnbcrt3u1tampered", "e".repeat(64), 300, Instant.now()));
        eventStore.publish(tampered);
        try {
            JsonNode report = getWithToken(TOKEN).body();

            assertThat(report.path("mismatchCount").asLong()).isEqualTo(1);
            JsonNode mismatch = report.path("mismatches").path(0);
            assertThat(mismatch.path("jobId").asText()).isEqualTo(jobId);
            assertThat(mismatch.path("check").asText()).isEqualTo("refund_request.amount_sats");
            assertThat(mismatch.path("expected").asText()).isEqualTo("3");
            assertThat(mismatch.path("recorded").asText()).isEqualTo("300");
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", tampered.getIdentifier());
        }
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
