package dev.lnjobs.server.admin;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's figures, checked against a job driven to completion on this test's server. */
class AdminOverviewEndpointTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    private static final String TOKEN = TestSettings.all().get("lnjobs.admin.token");

    @Test
    void a_completed_job_shows_in_the_states_the_refunds_due_and_today_s_revenue_and_cost() {
        JsonNode before = admin("/api/admin/overview?bucket=hour&buckets=2").body();
        JsonNode created = api().postJson("/api/jobs", "{\"request\": \"Write a haiku about lightning payments\"}")
                .body();
        String jobId = created.path("jobId").asText();
        api().post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = until(jobId, "awaiting_work_payment");
        api().post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        JsonNode complete = until(jobId, "complete");
        long refund = complete.path("costLedger").path("refundAmountSats").asLong();
        long earned = complete.path("costLedger").path("actualAmountSats").asLong() + 10;

        JsonNode after = admin("/api/admin/overview?bucket=hour&buckets=2").body();

        assertThat(after.path("bucket").asText()).isEqualTo("hour");
        assertThat(after.path("jobsByState").path("COMPLETE").asLong())
                .isEqualTo(before.path("jobsByState").path("COMPLETE").asLong() + 1);
        assertThat(refund).isPositive();
        assertThat(after.path("refunds").path("due").path("sats").asLong())
                .isEqualTo(before.path("refunds").path("due").path("sats").asLong() + refund);
        JsonNode now = last(after);
        assertThat(Instant.parse(now.path("start").asText()))
                .isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS));
        boolean sameHour = last(before).path("start").asText().equals(now.path("start").asText());
        long revenueBefore = sameHour ? last(before).path("revenueSats").asLong() : 0;
        assertThat(now.path("revenueSats").asLong() - revenueBefore).isEqualTo(earned);
        // the stub's infra share is $0.10 a job at 100,000 USD/BTC: 100 sats; its tokens cost under a sat each call
        assertThat(now.path("infraCostSats").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(now.path("modelCostSats").asLong()).isPositive();
    }

    @Test
    void the_processors_of_this_node_are_listed_with_their_status() {
        JsonNode answer = admin("/api/admin/processors").body();
        assertThat(answer.path("status").asText()).isEqualTo("UP");
        assertThat(answer.path("processors").path("job-view").path("running").asBoolean()).isTrue();
    }

    @Test
    void withdrawals_are_counted_by_state_with_their_sats() {
        JsonNode before = admin("/api/admin/overview").body().path("withdrawals");
        String row = "INSERT INTO session_withdrawal (withdrawal_id, session_id, state, destination, payment_hash, "
                + "amount_sats, fee_reserve_sats, requested_at, updated_at) VALUES (?, 's', ?, 'invoice', ?, ?, 5, "
                + "now(), now())";
        jdbc.update(row, "w-paying", "pending", "a".repeat(64), 495L);
        jdbc.update(row, "w-paid-1", "paid", "b".repeat(64), 300L);
        jdbc.update(row, "w-paid-2", "paid", "c".repeat(64), 200L);
        jdbc.update(row, "w-failed", "failed", "d".repeat(64), 7L);

        JsonNode after = admin("/api/admin/overview").body().path("withdrawals");

        assertThat(after.path("paying").path("count").asLong() - before.path("paying").path("count").asLong())
                .isEqualTo(1);
        assertThat(after.path("paying").path("sats").asLong() - before.path("paying").path("sats").asLong())
                .isEqualTo(495);
        assertThat(after.path("paid").path("count").asLong() - before.path("paid").path("count").asLong())
                .isEqualTo(2);
        assertThat(after.path("paid").path("sats").asLong() - before.path("paid").path("sats").asLong())
                .isEqualTo(500);
        assertThat(after.path("failed").path("sats").asLong() - before.path("failed").path("sats").asLong())
                .isEqualTo(7);
    }

    @Test
    void refuses_bad_buckets_and_callers_without_the_admin_token() {
        assertThat(admin("/api/admin/overview?bucket=week").status()).isEqualTo(400);
        assertThat(admin("/api/admin/overview?buckets=0").status()).isEqualTo(400);
        assertThat(admin("/api/admin/overview?buckets=1e3").status()).isEqualTo(400);
        assertThat(api().get("/api/admin/overview").status()).isEqualTo(401);
        assertThat(api().get("/api/admin/processors").status()).isEqualTo(401);
    }

    private static JsonNode last(JsonNode overview) {
        JsonNode timeline = overview.path("timeline");
        return timeline.size() == 0 ? timeline.path(0) : timeline.get(timeline.size() - 1);
    }

    private ApiClient.Response admin(String path) {
        return api().send(HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("Authorization", "Bearer " + TOKEN).GET());
    }

    private JsonNode until(String jobId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().get("/api/jobs/" + jobId).body(), job -> job.path("state").asText().equals(state));
    }
}
