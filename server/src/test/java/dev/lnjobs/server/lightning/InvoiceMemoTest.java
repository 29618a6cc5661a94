package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whoever sees an invoice (its QR code, the payer's wallet, a custodian, the node's admin) reads its memo, so no memo
 * may name the job, session or bootstrap it pays for: with the id, anyone could act on the resource.
 */
class InvoiceMemoTest extends ServerTest {

    private static final String UUID_PATTERN = ".*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}.*";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void no_invoice_memo_names_the_resource_it_pays_for() {
        ApiClient api = api();
        JsonNode job = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about memos\"}").body();
        JsonNode session = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        JsonNode bootstrap = api.post("/api/bootstrap").body();
        List<String> ids = List.of(job.path("jobId").asText(), session.path("sessionId").asText(),
                bootstrap.path("bootstrapJobId").asText());
        assertThat(ids).allSatisfy(id -> assertThat(id).matches(UUID_PATTERN));

        api.post("/api/dev/stub/pay/" + job.path("evalInvoice").path("paymentHash").asText());
        String workHash = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/"
                + ids.get(0)).body().path("workInvoice").path("paymentHash").asText(""), hash -> !hash.isEmpty());

        List<String> memos = jdbc.queryForList("SELECT memo FROM stub_invoice WHERE payment_hash IN (?, ?, ?, ?)",
                String.class, job.path("evalInvoice").path("paymentHash").asText(), workHash,
                session.path("invoice").path("paymentHash").asText(),
                bootstrap.path("invoice").path("paymentHash").asText());
        assertThat(memos).hasSize(4).allSatisfy(memo -> {
            assertThat(memo).doesNotMatch(UUID_PATTERN);
            ids.forEach(id -> assertThat(memo).doesNotContain(id));
        });
        assertThat(memos).containsExactlyInAnyOrder("AI job: evaluation fee", "AI job: work", "AI session: deposit",
                "Bitcoin node bootstrap");
    }
}
