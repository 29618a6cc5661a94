package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An expired session's balance goes to its refund address with no claim; a failing address leaves it withdrawable. */
@TestPropertySource(properties = "lnjobs.session.expiry=3s")
class AddressWithdrawalTest extends ServerTest {

    @Test
    void an_expired_sessions_balance_is_paid_to_its_refund_address_automatically() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = openAndPay(sessions, "alice@stub.invalid");
        String macaroon = sessions.macaroon(sessionId);

        JsonNode closed = sessions.pollUntil(sessionId, "closed");
        JsonNode paid = await().atMost(Duration.ofSeconds(20)).until(() -> withdrawal(sessionId, macaroon),
                w -> "paid".equals(w.path("state").asText()));

        // 500 sats: the refunds' fee cap (at least 2 sats at test settings) is kept back, the rest paid to the address
        long reserve = paid.path("feeReserveSats").asLong();
        assertThat(reserve).isPositive();
        assertThat(paid.path("amountSats").asLong()).isEqualTo(500 - reserve);
        assertThat(paid.path("destination").asText()).isEqualTo("alice@stub.invalid");
        assertThat(closed.path("balanceSats").asLong()).isBetween(0L, reserve);
        JsonNode ledger = api().getWithBearer("/api/admin/audit/ledger", "test-admin-token").body();
        assertThat(ledger.path("mismatches").asLong()).isZero();
        assertThat(ledger.path("totals").path("withdrawn").asLong()).isGreaterThanOrEqualTo(500 - reserve);
    }

    @Test
    void a_refund_address_that_refuses_leaves_the_balance_withdrawable_by_hand() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = openAndPay(sessions, "fail@stub.invalid");
        String macaroon = sessions.macaroon(sessionId);
        sessions.pollUntil(sessionId, "expired");

        // the address refused: no withdrawal was recorded, the balance is whole, and its holder withdraws it by hand
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(
                () -> sessions.get(sessionId).body().path("state").asText(), "expired"::equals);
        assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(500);
        ApiClient.Response byHand = api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw", macaroon,
                "{\"lightningAddress\": \"bob@stub.invalid\"}");
        assertThat(byHand.status()).isEqualTo(202);
        JsonNode paid = await().atMost(Duration.ofSeconds(20)).until(() -> withdrawal(sessionId, macaroon),
                w -> "paid".equals(w.path("state").asText()));
        assertThat(paid.path("destination").asText()).isEqualTo("bob@stub.invalid");
    }

    private String openAndPay(SessionClient sessions, String refundAddress) {
        ApiClient.Response created = sessions.openWith("{\"amount_sats\": 500, \"refundAddress\": \""
                + refundAddress + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String sessionId = created.body().path("sessionId").asText();
        sessions.pay(created.body().path("invoice").path("paymentHash").asText());
        return sessionId;
    }

    private JsonNode withdrawal(String sessionId, String macaroon) {
        return api().getWithBearer("/api/sessions/" + sessionId + "/withdrawal", macaroon).body();
    }
}
