package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's session curl walkthrough, in stub mode, over real HTTP on real PostgreSQL. At the seed's defaults and
 * the 100,000 USD fallback price, "What is a satoshi?" is reserved at 131 sats and costs 126 with the stub model's
 * token counts (eval 35 in / 20 out, work 55 in / 9 out; see SessionPricingTest).
 */
class SessionWalkthroughTest extends ServerTest {

    /** Every answer of the walkthrough is checked against the OpenAPI document. */
    @Override
    protected boolean validatesAgainstOpenApi() {
        return true;
    }

    private static final String QUESTION = "What is a satoshi?";

    @Autowired
    private JdbcTemplate jdbc;

    private SessionClient sessions() {
        return new SessionClient(api(), port);
    }

    @Test
    void open_pay_request_and_top_up_as_the_seed_shows() {
        SessionClient sessions = sessions();
        ApiClient.Response created = sessions.open(500);
        assertThat(created.status()).isEqualTo(201);
        String sessionId = created.body().path("sessionId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/sessions/" + sessionId);
        assertThat(created.body().path("state").asText()).isEqualTo("awaiting_payment");
        String macaroon = created.body().path("macaroon").asText();
        assertThat(macaroon).matches("[A-Za-z0-9_-]{40,}");
        assertThat(created.body().path("accessToken").asText()).isEqualTo(macaroon);
        JsonNode invoice = created.body().path("invoice");
        assertThat(invoice.path("amountSats").asLong()).isEqualTo(500);
        Bolt11Invoice decoded = Bolt11.decode(invoice.path("paymentRequest").asText());
        assertThat(decoded.amountSats()).isEqualTo(500);
        assertThat(decoded.paymentHash()).isEqualTo(invoice.path("paymentHash").asText());

        assertThat(sessions.pay(invoice.path("paymentHash").asText()).body().path("outcome").asText())
                .isIn("CONFIRMED", "ALREADY_PAID");
        JsonNode active = sessions.pollUntil(sessionId, "active");
        assertThat(active.path("balanceSats").asLong()).isEqualTo(500);
        assertThat(active.path("minimumBalanceSats").asLong()).isEqualTo(50);
        Instant firstExpiry = Instant.parse(active.path("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), firstExpiry).toMinutes()).isBetween(23 * 60L, 24 * 60L);
        awaitExpiryDeadlineAt(firstExpiry);

        ApiClient.Response answered = sessions.request(sessionId, macaroon, QUESTION);
        assertThat(answered.status()).isEqualTo(200);
        JsonNode done = answered.body();
        assertThat(done.path("requestId").asText()).isNotEmpty();
        assertThat(done.path("state").asText()).isEqualTo("complete");
        assertThat(done.path("result").asText()).isEqualTo("Stub result for: " + QUESTION);
        assertThat(done.path("debitedSats").asLong()).isEqualTo(126);
        assertThat(done.path("balanceRemaining").asLong()).isEqualTo(500 - done.path("debitedSats").asLong());
        JsonNode cost = done.path("cost");
        assertThat(cost.path("estimatedSats").asLong()).isEqualTo(131);
        assertThat(cost.path("reservedSats").asLong()).isEqualTo(131);
        assertThat(cost.path("actualSats").asLong()).isEqualTo(126);
        assertThat(cost.path("evalInputTokens").asLong()).isEqualTo(35);
        assertThat(cost.path("evalOutputTokens").asLong()).isEqualTo(20);
        assertThat(cost.path("workInputTokens").asLong()).isEqualTo(55);
        assertThat(cost.path("workOutputTokens").asLong()).isEqualTo(9);
        assertThat(cost.path("totalUsd").decimalValue()).isEqualByComparingTo("0.12551");
        assertThat(cost.path("btcPriceUsd").decimalValue()).isEqualByComparingTo("100000");

        JsonNode afterRequest = sessions.get(sessionId).body();
        assertThat(afterRequest.path("balanceSats").asLong()).isEqualTo(374);
        assertThat(afterRequest.path("reservedSats").asLong()).isZero();
        assertThat(afterRequest.path("requestCount").asInt()).isEqualTo(1);
        assertThat(afterRequest.path("debitedTotalSats").asLong()).isEqualTo(126);
        Instant extended = Instant.parse(afterRequest.path("expiresAt").asText());
        assertThat(extended).isAfter(firstExpiry);
        awaitExpiryDeadlineAt(extended);
        assertThat(deadlinesAt(firstExpiry)).isZero();

        ApiClient.Response topUp = sessions.topUp(sessionId, macaroon, 500);
        assertThat(topUp.status()).isEqualTo(201);
        JsonNode topUpInvoice = topUp.body().path("invoice");
        assertThat(topUpInvoice.path("amountSats").asLong()).isEqualTo(500);
        assertThat(Bolt11.decode(topUpInvoice.path("paymentRequest").asText()).amountSats()).isEqualTo(500);
        assertThat(sessions.pay(topUpInvoice.path("paymentHash").asText()).body().path("outcome").asText())
                .isIn("CONFIRMED", "ALREADY_PAID");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(874));
        JsonNode toppedUp = sessions.get(sessionId).body();
        assertThat(toppedUp.path("state").asText()).isEqualTo("active");
        assertThat(toppedUp.path("topUp").path("invoice").path("paid").asBoolean()).isTrue();
    }

    @Test
    void a_session_drained_below_the_minimum_pauses_refuses_with_402_and_a_top_up_resumes_it() {
        SessionClient sessions = sessions();
        String sessionId = sessions.openAndPay(300);
        String macaroon = sessions.macaroon(sessionId);

        assertThat(sessions.request(sessionId, macaroon, QUESTION).body().path("balanceRemaining").asLong())
                .isEqualTo(174);
        assertThat(sessions.request(sessionId, macaroon, QUESTION).body().path("balanceRemaining").asLong())
                .isEqualTo(48);
        JsonNode paused = sessions.pollUntil(sessionId, "paused");
        assertThat(paused.path("balanceSats").asLong()).isEqualTo(48);
        assertThat(paused.path("macaroon").asText()).isNotEmpty();

        ApiClient.Response refused = sessions.request(sessionId, macaroon, QUESTION);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asText()).isEqualTo("urn:lnjobs:problem:insufficient-balance");
        assertThat(refused.body().path("topup").asText()).isEqualTo("/api/sessions/" + sessionId + "/topup");
        assertThat(refused.body().path("balanceSats").asLong()).isEqualTo(48);
        assertThat(refused.body().path("requiredSats").asLong()).isEqualTo(131);
        assertThat(refused.body().path("detail").asText()).contains("paused");

        JsonNode topUp = sessions.topUp(sessionId, macaroon, 100).body();
        sessions.pay(topUp.path("invoice").path("paymentHash").asText());
        JsonNode resumed = sessions.pollUntil(sessionId, "active");
        assertThat(resumed.path("balanceSats").asLong()).isEqualTo(148);
        assertThat(sessions.request(sessionId, macaroon, QUESTION).body().path("debitedSats").asLong())
                .isEqualTo(126);
        assertThat(sessions.pollUntil(sessionId, "paused").path("balanceSats").asLong()).isEqualTo(22);
    }

    @Test
    void a_rejected_request_debits_only_its_evaluation() {
        SessionClient sessions = sessions();
        String sessionId = sessions.openAndPay(300);
        // 26 chars: eval 7 + 30 = 37 in, 20 out at Haiku rates = 0.0001096 USD, * 1.25 = 0.137 sats -> 1
        JsonNode rejected = sessions.request(sessionId, sessions.macaroon(sessionId), "Please reject this request")
                .body();
        assertThat(rejected.path("state").asText()).isEqualTo("rejected");
        assertThat(rejected.path("reason").asText()).contains("reject");
        assertThat(rejected.has("result")).isFalse();
        assertThat(rejected.path("debitedSats").asLong()).isEqualTo(1);
        assertThat(rejected.path("balanceRemaining").asLong()).isEqualTo(299);
        assertThat(rejected.path("cost").has("workInputTokens")).isFalse();
        assertThat(rejected.path("cost").path("infraCostUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void the_minimum_deposit_cannot_cover_one_request_at_the_seed_defaults() {
        // The infra share alone is $0.10 = 100 sats at 100,000 USD/BTC, 125 with margin: 131 sats are reserved.
        SessionClient sessions = sessions();
        String sessionId = sessions.openAndPay(100);
        ApiClient.Response refused = sessions.request(sessionId, sessions.macaroon(sessionId), QUESTION);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.body().path("requiredSats").asLong()).isEqualTo(131);
        assertThat(refused.body().path("balanceSats").asLong()).isEqualTo(100);
        assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(100);
    }

    @Test
    void a_request_can_be_read_again_with_its_accounting() {
        SessionClient sessions = sessions();
        String sessionId = sessions.openAndPay(500);
        String macaroon = sessions.macaroon(sessionId);
        ApiClient.Response answered = sessions.request(sessionId, macaroon, QUESTION);

        ApiClient.Response again = api().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + answered.header("Location")))
                .header("Authorization", "Bearer " + macaroon).GET());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("requestId").asText()).isEqualTo(answered.body().path("requestId").asText());
        assertThat(again.body().path("debitedSats").asLong()).isEqualTo(126);
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM session_requests WHERE session_id = ? "
                + "AND state = 'COMPLETE' AND debited_sats = 126 AND cost_sats = 126 AND reserved_sats = 131",
                Integer.class, sessionId);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void deposits_and_top_ups_outside_the_limits_are_refused() {
        SessionClient sessions = sessions();
        ApiClient.Response tooSmall = sessions.open(99);
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.body().path("detail").asText()).isEqualTo(
                "amount_sats must be between 100 and 10000 sats, not 99");
        assertThat(sessions.open(10_001).status()).isEqualTo(400);
        assertThat(api().postJson("/api/sessions", "{}").body().path("detail").asText())
                .isEqualTo("amount_sats is required");

        String sessionId = sessions.openAndPay(100);
        assertThat(sessions.topUp(sessionId, sessions.macaroon(sessionId), 50_000).status()).isEqualTo(400);
    }

    @Test
    void paying_the_deposit_twice_changes_nothing_the_second_time() {
        SessionClient sessions = sessions();
        JsonNode created = sessions.open(200).body();
        String hash = created.path("invoice").path("paymentHash").asText();
        assertThat(sessions.pay(hash).body().path("outcome").asText()).isIn("CONFIRMED", "ALREADY_PAID");
        sessions.pollUntil(created.path("sessionId").asText(), "active");

        // Once the invoice routing has seen the payment, every further notice is recognised as old news.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sessions.pay(hash).body().path("outcome").asText()).isEqualTo("ALREADY_PAID"));
        assertThat(api().postJson("/api/lightning/webhook", "{\"payment_hash\": \"" + hash + "\"}")
                .body().path("outcome").asText()).isEqualTo("ALREADY_PAID");
        JsonNode session = sessions.get(created.path("sessionId").asText()).body();
        assertThat(session.path("balanceSats").asLong()).isEqualTo(200);
        assertThat(session.path("state").asText()).isEqualTo("active");
    }

    @Test
    void an_unknown_session_is_not_found() {
        ApiClient.Response response = sessions().get("0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a");
        assertThat(response.status()).isEqualTo(404);
        assertThat(sessions().get("nope").status()).isEqualTo(400);
    }

    /** The expiry is a db-scheduler row, so it survives a restart. */
    private void awaitExpiryDeadlineAt(Instant expiresAt) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadlinesAt(expiresAt)).isEqualTo(1));
    }

    private int deadlinesAt(Instant at) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE execution_time = ?",
                Integer.class, Timestamp.from(at));
        return count == null ? 0 : count;
    }
}
