package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refunds to a job's refundAddress over HTTP, in stub mode (the stub Lightning Address adapter): paid with no claim,
 * less the fee reserve; a malformed address is a 400 naming the field; an address that fails leaves the refund
 * claimable by hand.
 */
class RefundAddressTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("22".repeat(32));

    @Autowired
    private JdbcTemplate jdbc;

    /** Drives a job with a refund address to complete; the stub makes it owe 3 of the 129 sats paid. */
    static RefundTest.CompletedJob completeJob(ApiClient api, String refundAddress) {
        ApiClient.Response created = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about lightning "
                + "payments\", \"refundAddress\": \"" + refundAddress + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String jobId = created.body().path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.body().path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = JobWalkthroughTest.pollUntil(api, jobId, "awaiting_work_payment", true);
        api.post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        JobWalkthroughTest.pollUntil(api, jobId, "complete", false);
        return new RefundTest.CompletedJob(jobId, created.body().path("accessToken").asText());
    }

    static JsonNode ledgerWhen(ApiClient api, String jobId, String refundState) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/jobs/" + jobId).body().path("costLedger"),
                ledger -> refundState.equals(ledger.path("refundState").asText()));
    }

    static List<String> events(JdbcTemplate jdbc, String jobId, String type) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number", String.class,
                jobId, "%$" + type);
    }

    @Test
    void a_job_with_a_refund_address_has_its_refund_paid_there_with_no_claim() {
        ApiClient api = api();
        RefundTest.CompletedJob job = completeJob(api, "Carol@Stub.Invalid");

        JsonNode ledger = ledgerWhen(api, job.jobId(), "paid");

        assertThat(ledger.path("refundAmountSats").asLong()).isEqualTo(3);
        String hash = ledger.path("refundPaymentHash").asText();
        List<String> paid = jdbc.queryForList("SELECT payment_request FROM stub_invoice WHERE payment_hash = ? "
                + "AND direction = 'out'", String.class, hash);
        assertThat(paid).hasSize(1);
        // 3 sats owed, the fee reserve max(1 % rounded down, LIGHTNING_MAX_FEE_MIN_SATS = 2) = 2 kept back: 1 paid
        Bolt11Invoice invoice = Bolt11.decode(paid.get(0));
        assertThat(invoice.amountMsat()).isEqualTo(1000L);
        assertThat(events(jdbc, job.jobId(), "JobCreated").get(0)).contains("\"refundAddress\":\"carol@stub.invalid\"");
        assertThat(events(jdbc, job.jobId(), "RefundRequested")).singleElement().asString()
                .contains("\"lightningAddress\":\"carol@stub.invalid\"", "\"feeReserveSats\":2", "\"amountSats\":1");
        assertThat(events(jdbc, job.jobId(), "RefundPaid")).singleElement().asString().contains("\"amountSats\":3");

        ApiClient.Response claim = api.postJsonWithBearer("/api/jobs/" + job.jobId() + "/refund", job.accessToken(),
                "{\"invoice\": \"" + RefundTest.clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET) + "\"}");
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.body().path("refundPaymentHash").asText()).isEqualTo(hash);
    }

    @Test
    void an_address_that_fails_leaves_the_refund_claimable_by_hand() {
        ApiClient api = api();
        RefundTest.CompletedJob job = completeJob(api, "fail@stub.invalid");

        await().atMost(Duration.ofSeconds(20)).until(() -> events(jdbc, job.jobId(), "AddressRefundFailed"),
                failed -> !failed.isEmpty());
        assertThat(events(jdbc, job.jobId(), "AddressRefundFailed").get(0)).contains("refuses every payment");
        assertThat(events(jdbc, job.jobId(), "RefundRequested")).isEmpty();
        JsonNode pending = ledgerWhen(api, job.jobId(), "pending");
        assertThat(pending.hasNonNull("refundPaymentHash")).isFalse();
        assertThat(pending.path("refundFailureReason").asText()).contains("fail@stub.invalid", "access token");

        String invoice = RefundTest.clientInvoice(BitcoinNetwork.REGTEST, 3, CLIENT_WALLET);
        ApiClient.Response claim = api.postJsonWithBearer("/api/jobs/" + job.jobId() + "/refund", job.accessToken(),
                "{\"invoice\": \"" + invoice + "\"}");
        assertThat(claim.status()).isEqualTo(202);
        JsonNode ledger = ledgerWhen(api, job.jobId(), "paid");
        assertThat(ledger.path("refundPaymentHash").asText()).isEqualTo(Bolt11.decode(invoice).paymentHash());
        assertThat(ledger.hasNonNull("refundFailureReason")).isFalse();
    }

    @Test
    void a_refund_is_claimed_by_hand_to_a_lightning_address_less_the_fee_reserve() {
        ApiClient api = api();
        RefundTest.CompletedJob job = RefundTest.completeJob(api, "Write a haiku about lightning payments");
        String route = "/api/jobs/" + job.jobId() + "/refund";
        assertThat(api.postJsonWithBearer(route, job.accessToken(), "{\"lightningAddress\": \"not an address\"}")
                .status()).isEqualTo(400);
        assertThat(api.postJsonWithBearer(route, job.accessToken(), "{\"lightningAddress\": \"fail@stub.invalid\"}")
                .status()).isEqualTo(400);
        assertThat(api.postJson(route, "{\"lightningAddress\": \"erin@stub.invalid\"}").status()).isEqualTo(401);

        ApiClient.Response claim = api.postJsonWithBearer(route, job.accessToken(),
                "{\"lightningAddress\": \"Erin@Stub.Invalid\"}");

        assertThat(claim.status()).isEqualTo(202);
        assertThat(claim.body().path("refundAmountSats").asLong()).isEqualTo(3);
        assertThat(claim.body().path("feeReserveSats").asLong()).isEqualTo(2);
        JsonNode ledger = ledgerWhen(api, job.jobId(), "paid");
        String hash = ledger.path("refundPaymentHash").asText();
        assertThat(hash).isEqualTo(claim.body().path("refundPaymentHash").asText());
        List<String> paid = jdbc.queryForList("SELECT payment_request FROM stub_invoice WHERE payment_hash = ? "
                + "AND direction = 'out'", String.class, hash);
        assertThat(paid).hasSize(1);
        assertThat(Bolt11.decode(paid.get(0)).amountMsat()).isEqualTo(1000L);
        assertThat(events(jdbc, job.jobId(), "RefundRequested")).singleElement().asString()
                .contains("\"lightningAddress\":\"erin@stub.invalid\"", "\"feeReserveSats\":2");
        assertThat(api.postJsonWithBearer(route, job.accessToken(), "{\"lightningAddress\": \"erin@stub.invalid\"}")
                .status()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"not an address\"", "\"alice@localhost\"", "\"alice@127.0.0.1\"", "\"\"",
        "\"@wallet.example\"", "\"al ice@wallet.example\"", "\"alice@wallet.example/x\"", "123", "true",
        "[\"alice@wallet.example\"]", "{\"address\": \"alice@wallet.example\"}"})
    void a_malformed_refund_address_is_a_400_naming_the_field(String value) {
        ApiClient api = api();
        for (String route : List.of("/api/jobs", "/api/sessions")) {
            String body = route.equals("/api/jobs") ? "{\"request\": \"Write a haiku\", \"refundAddress\": " + value
                    + "}" : "{\"amount_sats\": 500, \"refundAddress\": " + value + "}";

            ApiClient.Response refused = api.postJson(route, body);

            assertThat(refused.status()).as(route + " " + value).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("field").asText()).as(route + " " + value).isEqualTo("refundAddress");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%$JobCreated' AND convert_from(payload, 'UTF8') LIKE '%Write a haiku\"%'", Long.class)).isZero();
    }

    @Test
    void a_session_keeps_its_refund_address_and_shows_it_to_its_holder_only() {
        ApiClient api = api();
        ApiClient.Response opened = api.postJson("/api/sessions",
                "{\"amount_sats\": 500, \"refundAddress\": \"Dave@Wallet.Example\"}");
        assertThat(opened.status()).isEqualTo(201);
        String sessionId = opened.body().path("sessionId").asText();
        assertThat(opened.body().path("refundAddress").asText()).isEqualTo("dave@wallet.example");

        JsonNode holder = await().atMost(Duration.ofSeconds(10)).until(() -> api.getWithBearer("/api/sessions/"
                + sessionId, opened.body().path("macaroon").asText()).body(), view -> view.has("refundAddress"));
        assertThat(holder.path("refundAddress").asText()).isEqualTo("dave@wallet.example");
        assertThat(api.get("/api/sessions/" + sessionId).body().has("refundAddress")).isFalse();
        assertThat(jdbc.queryForObject("SELECT refund_address FROM session_view WHERE session_id = ?", String.class,
                sessionId)).isEqualTo("dave@wallet.example");
    }
}
