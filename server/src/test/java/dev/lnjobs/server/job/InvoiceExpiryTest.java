package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An invoice left unpaid past its expiry ends the job as expired, through the payment watcher's check at the
 * invoice's expiry (no deadline per invoice); a payment that
 * lands after that bought nothing and is owed back, claimable with the job's access token.
 */
@TestPropertySource(properties = "lnjobs.lightning.invoice-expiry=2s")
class InvoiceExpiryTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("24".repeat(32));

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void an_unpaid_evaluation_invoice_expires_the_job_and_a_late_payment_of_it_is_refunded() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"paid too late\"}").body();
        String jobId = created.path("jobId").asText();

        JsonNode expired = JobWalkthroughTest.pollUntil(api, jobId, "expired", false);

        assertThat(expired.path("reason").asText()).contains("expired unpaid");
        ApiClient.Response late =
                api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        assertThat(late.body().path("outcome").asText()).isEqualTo("CONFIRMED");
        JsonNode job = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + jobId).body(),
                j -> j.path("costLedger").hasNonNull("refundState"));
        assertThat(job.path("state").asText()).isEqualTo("expired");
        assertThat(job.path("costLedger").path("refundAmountSats").asLong()).isEqualTo(10);
        assertThat(job.path("costLedger").path("refundState").asText()).isEqualTo("pending");

        String invoice = RefundTest.clientInvoice(BitcoinNetwork.REGTEST, 10, CLIENT_WALLET);
        ApiClient.Response claim = api.postJsonWithBearer("/api/jobs/" + jobId + "/refund",
                created.path("accessToken").asText(), "{\"invoice\": \"" + invoice + "\"}");
        assertThat(claim.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + jobId).body()
                .path("costLedger").path("refundState").asText(), "paid"::equals);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' "
                + "AND payment_hash = ?", Integer.class, Bolt11.decode(invoice).paymentHash())).isEqualTo(1);
        JsonNode ledger = ledger(api);
        assertThat(ledger.path("details").findValuesAsText("id")).doesNotContain(jobId);
    }

    private static JsonNode ledger(ApiClient api) {
        ApiClient.Response answer = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/admin/audit/ledger"))
                .header("Authorization", "Bearer " + TestSettings.all().get("lnjobs.admin.token")).GET());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
