package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Honest accounting over HTTP: the ledger of a completed job, and its refund paid exactly once. */
class RefundTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("22".repeat(32));
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    private JdbcTemplate jdbc;

    static String clientInvoice(BitcoinNetwork network, long sats, NodeKey key) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return Bolt11.encode(network, sats * 1000, Instant.now(), HexFormat.of().formatHex(hash), "cd".repeat(32),
                "refund", 3600, key);
    }

    /** A job and the access token its creation answered. */
    record CompletedJob(String jobId, String accessToken) {
    }

    /** Drives a job to complete; the stub's tokens make it cost 126 of the 129 sats paid (see the ledger test). */
    static String completedJob(ApiClient api, String request) {
        return completeJob(api, request).jobId();
    }

    static CompletedJob completeJob(ApiClient api, String request) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
        api.post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        JobWalkthroughTest.pollUntil(api, jobId, "complete", false);
        return new CompletedJob(jobId, created.path("accessToken").asText());
    }

    private static ApiClient.Response claim(ApiClient api, CompletedJob job, String token, String invoice) {
        return api.postJsonWithBearer("/api/jobs/" + job.jobId() + "/refund", token,
                "{\"invoice\": \"" + invoice + "\"}");
    }

    private static ApiClient.Response claim(ApiClient api, CompletedJob job, String invoice) {
        return claim(api, job, job.accessToken(), invoice);
    }

    private JsonNode ledgerWhenSettled(ApiClient api, String jobId) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/jobs/" + jobId).body().path("costLedger"),
                ledger -> ledger.hasNonNull("refundState"));
    }

    @Test
    void the_cost_ledger_shows_estimate_actual_spend_and_refund_side_by_side() {
        ApiClient api = api();
        String jobId = completedJob(api, "Write a haiku about lightning payments");
        JsonNode ledger = ledgerWhenSettled(api, jobId);
        // Stub tokens: eval 40 in / 20 out (haiku) = 0.000112 USD; work 60 in / 14 out (sonnet) = 0.00039 USD.
        // (0.000502 + 0.1 infra) * 1.25 = 0.1256275 USD at 100,000 USD/BTC = 125.6275 -> 126 sats of 129 paid.
        assertThat(ledger.path("estimatedInputTokens").asLong()).isEqualTo(60);
        assertThat(ledger.path("estimatedOutputTokens").asLong()).isEqualTo(200);
        assertThat(ledger.path("evalInputTokens").asLong()).isEqualTo(40);
        assertThat(ledger.path("workOutputTokens").asLong()).isEqualTo(14);
        assertThat(ledger.path("actualAnthropicCostUsd").decimalValue()).isEqualByComparingTo("0.000502");
        assertThat(ledger.path("infraCostUsd").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(ledger.path("marginPct").decimalValue()).isEqualByComparingTo("25");
        assertThat(ledger.path("btcPriceUsd").decimalValue()).isEqualByComparingTo("100000");
        assertThat(ledger.path("btcPriceSource").asText()).isEqualTo("fallback");
        assertThat(ledger.path("workAmountSats").asLong()).isEqualTo(129);
        assertThat(ledger.path("actualAmountSats").asLong()).isEqualTo(126);
        assertThat(ledger.path("refundAmountSats").asLong()).isEqualTo(3);
        assertThat(ledger.path("refundState").asText()).isEqualTo("pending");
    }

    @Test
    void a_refund_to_a_valid_invoice_for_the_exact_amount_is_paid_once() {
        ApiClient api = api();
        CompletedJob job = completeJob(api, "Write a haiku about lightning payments");
        String jobId = job.jobId();
        ledgerWhenSettled(api, jobId);
        String invoice = clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET);
        String hash = Bolt11.decode(invoice).paymentHash();

        ApiClient.Response accepted = claim(api, job, invoice);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("refundPaymentHash").asText()).isEqualTo(hash);

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + jobId).body()
                .path("costLedger").path("refundState").asText(), "paid"::equals);
        assertThat(outgoingPayments(hash)).isEqualTo(1);

        ApiClient.Response again = claim(api, job, invoice);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("refundPaymentHash").asText()).isEqualTo(hash);
        assertThat(outgoingPayments(hash)).isEqualTo(1);
    }

    @Test
    void only_the_jobs_own_access_token_claims_its_refund() {
        ApiClient api = api();
        CompletedJob job = completeJob(api, "Write a haiku about lightning payments");
        ledgerWhenSettled(api, job.jobId());
        JsonNode other = api.postJson("/api/jobs", "{\"request\": \"another job\"}").body();
        String invoice = clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET);

        ApiClient.Response without = claim(api, job, null, invoice);
        assertThat(without.status()).isEqualTo(401);
        assertThat(without.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(without.contentType()).startsWith("application/problem+json");
        ApiClient.Response foreign = claim(api, job, other.path("accessToken").asText(), invoice);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
        assertThat(claim(api, job, "garbage", invoice).status()).isEqualTo(401);
        assertThat(eventCount(job.jobId(), "RefundRequested")).isZero();
        assertThat(outgoingPayments(Bolt11.decode(invoice).paymentHash())).isZero();

        ApiClient.Response own = claim(api, job, invoice);
        assertThat(own.status()).isEqualTo(202);
        assertThat(own.body().path("refundPaymentHash").asText()).isEqualTo(Bolt11.decode(invoice).paymentHash());
    }

    @Test
    void many_concurrent_refund_requests_make_exactly_one_payment() throws Exception {
        ApiClient api = api();
        CompletedJob job = completeJob(api, "Write a haiku about lightning payments");
        String jobId = job.jobId();
        ledgerWhenSettled(api, jobId);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<ApiClient.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String invoice = clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET);
            requests.add(() -> claim(api, job, invoice));
        }
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> future : pool.invokeAll(requests)) {
            responses.add(future.get());
        }
        pool.shutdown();

        List<ApiClient.Response> accepted = responses.stream().filter(r -> r.status() == 202).toList();
        assertThat(accepted).hasSize(1);
        String hash = accepted.get(0).body().path("refundPaymentHash").asText();
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isIn(202, 409);
            assertThat(r.body().path("refundPaymentHash").asText()).isEqualTo(hash);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + jobId).body()
                .path("costLedger").path("refundState").asText(), "paid"::equals);
        assertThat(outgoingPayments(hash)).isEqualTo(1);
        assertThat(eventCount(jobId, "RefundRequested")).isEqualTo(1);
        assertThat(eventCount(jobId, "RefundPaid")).isEqualTo(1);
    }

    @Test
    void each_invoice_check_is_named_when_it_fails() {
        ApiClient api = api();
        CompletedJob job = completeJob(api, "Write a haiku about lightning payments");
        String jobId = job.jobId();
        ledgerWhenSettled(api, jobId);
        assertCheck(api, job, clientInvoice(BitcoinNetwork.REGTEST, 4, CLIENT_WALLET), "amount_exact");
        assertCheck(api, job, clientInvoice(BitcoinNetwork.MAINNET, 3, CLIENT_WALLET), "network");
        assertCheck(api, job, clientInvoice(BitcoinNetwork.REGTEST, 3, StubLightningNode.NODE_KEY), "not_ours");
        assertCheck(api, job, "lnbcrt1garbage", "encoding");
        assertThat(api.get("/api/jobs/" + jobId).body().path("costLedger").path("refundState").asText())
                .isEqualTo("pending");
    }

    @Test
    void a_job_that_is_not_complete_has_no_refund() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"unpaid\"}").body();
        CompletedJob job = new CompletedJob(created.path("jobId").asText(), created.path("accessToken").asText());
        ApiClient.Response response = claim(api, job, clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private void assertCheck(ApiClient api, CompletedJob job, String invoice, String check) {
        ApiClient.Response response = claim(api, job, invoice);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("check").asText()).isEqualTo(check);
    }

    private int outgoingPayments(String hash) {
        return jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' AND payment_hash = ?",
                Integer.class, hash);
    }

    private int eventCount(String jobId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, jobId, "%$" + type);
    }
}
