package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paid work that fails for good gives the work payment back whole: the stub model's work step fails, once and
 * without retries, for a request containing "fail-work", and the job's refund is claimed and paid once.
 */
public class FailedWorkRefundTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("23".repeat(32));

    @Autowired
    private JdbcTemplate jdbc;

    /** A job driven to failed after its work invoice was paid; answers its id, token and work amount. */
    public static FailedJob failedAfterPayment(ApiClient api) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Please fail-work on this haiku\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
        long work = awaiting.path("workInvoice").path("amountSats").asLong();
        api.post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        JsonNode failed = JobWalkthroughTest.pollUntil(api, jobId, "failed", false);
        assertThat(failed.path("reason").asText()).contains("fail-work");
        return new FailedJob(jobId, created.path("accessToken").asText(), work);
    }

    public record FailedJob(String jobId, String accessToken, long workAmountSats) {
    }

    @Test
    void a_job_whose_paid_work_fails_owes_the_work_amount_and_its_refund_is_paid_once() {
        ApiClient api = api();
        FailedJob job = failedAfterPayment(api);

        JsonNode ledger = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/jobs/" + job.jobId()).body().path("costLedger"),
                l -> l.hasNonNull("refundState"));
        assertThat(job.workAmountSats()).isEqualTo(129);
        assertThat(ledger.path("refundAmountSats").asLong()).isEqualTo(job.workAmountSats());
        assertThat(ledger.path("actualAmountSats").asLong()).isZero();
        assertThat(ledger.path("refundState").asText()).isEqualTo("pending");

        String invoice = RefundTest.clientInvoice(BitcoinNetwork.REGTEST, job.workAmountSats(), CLIENT_WALLET);
        String hash = Bolt11.decode(invoice).paymentHash();
        ApiClient.Response accepted = api.postJsonWithBearer("/api/jobs/" + job.jobId() + "/refund",
                job.accessToken(), "{\"invoice\": \"" + invoice + "\"}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("refundAmountSats").asLong()).isEqualTo(129);

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + job.jobId()).body()
                .path("costLedger").path("refundState").asText(), "paid"::equals);
        ApiClient.Response again = api.postJsonWithBearer("/api/jobs/" + job.jobId() + "/refund",
                job.accessToken(), "{\"invoice\": \"" + invoice + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' "
                + "AND payment_hash = ?", Integer.class, hash)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%$RefundPaid'", Integer.class, job.jobId())).isEqualTo(1);
    }
}
