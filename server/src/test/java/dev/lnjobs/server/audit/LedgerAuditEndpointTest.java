package dev.lnjobs.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.job.FailedWorkRefundTest;
import dev.lnjobs.server.job.FailedWorkRefundTest.FailedJob;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The balance sheet over HTTP, on the store the server tests share: a job and a session driven here add up. */
class LedgerAuditEndpointTest extends ServerTest {

    private static final String TOKEN = TestSettings.all().get("lnjobs.admin.token");

    @Test
    void a_completed_job_and_a_paid_session_add_up_and_count_in_the_totals() {
        ApiClient api = api();
        JsonNode before = ledger(api);
        JsonNode job = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about balance sheets\"}").body();
        String jobId = job.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + job.path("evalInvoice").path("paymentHash").asText());
        JsonNode quoted = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + jobId).body(),
                j -> j.has("workInvoice") && !j.path("workInvoice").isNull());
        long work = quoted.path("workInvoice").path("amountSats").asLong();
        api.post("/api/dev/stub/pay/" + quoted.path("workInvoice").path("paymentHash").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + jobId).body(),
                j -> "complete".equals(j.path("state").asText()));
        JsonNode session = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        String sessionId = session.path("sessionId").asText();
        api.post("/api/dev/stub/pay/" + session.path("invoice").path("paymentHash").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/sessions/" + sessionId).body(),
                s -> "active".equals(s.path("state").asText()));

        JsonNode after = ledger(api);

        assertThat(after.path("details").findValuesAsText("id")).doesNotContain(jobId, sessionId);
        long paidIn = after.path("totals").path("paidIn").asLong() - before.path("totals").path("paidIn").asLong();
        assertThat(paidIn).as("sats paid in since the first read").isGreaterThanOrEqualTo(10 + work + 500);
        assertThat(after.path("accounts").asLong()).isGreaterThanOrEqualTo(before.path("accounts").asLong() + 2);
    }

    @Test
    void a_job_whose_paid_work_failed_balances_owing_its_work_payment_and_then_refunding_it() {
        ApiClient api = api();
        FailedJob job = FailedWorkRefundTest.failedAfterPayment(api);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + job.jobId()).body()
                .path("costLedger").path("refundState").asText(), "pending"::equals);

        JsonNode owing = ledger(api);

        assertThat(owing.path("details").findValuesAsText("id")).doesNotContain(job.jobId());
        assertThat(owing.path("totals").path("owed").asLong()).isGreaterThanOrEqualTo(job.workAmountSats());
        JsonNode totals = owing.path("totals");
        assertThat(totals.path("earned").asLong() + totals.path("refunded").asLong()
                + totals.path("withdrawn").asLong() + totals.path("owed").asLong()
                + mismatchedGap(owing)).isEqualTo(totals.path("paidIn").asLong());
    }

    /** What the accounts found mismatched (other tests' on this shared store) leave unaccounted. */
    private static long mismatchedGap(JsonNode report) {
        long gap = 0;
        for (JsonNode account : report.path("details")) {
            gap += account.path("paidIn").asLong() - account.path("earned").asLong()
                    - account.path("refunded").asLong() - account.path("withdrawn").asLong()
                    - account.path("owed").asLong();
        }
        return gap;
    }

    @Test
    void needs_the_admin_token() {
        assertThat(api().get("/api/admin/audit/ledger").status()).isEqualTo(401);
    }

    private static JsonNode ledger(ApiClient api) {
        ApiClient.Response answer = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/admin/audit/ledger"))
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
