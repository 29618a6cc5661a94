package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An expired session refuses requests (410) but its holder still withdraws its balance (SESSION_WITHDRAW_DAYS). */
@TestPropertySource(properties = "lnjobs.session.expiry=3s")
class WithdrawalExpiryTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("44".repeat(32));

    @Test
    void an_expired_sessions_balance_stays_withdrawable_by_its_holder() {
        SessionClient sessions = new SessionClient(api(), port);
        JsonNode created = sessions.open(500).body();
        String sessionId = created.path("sessionId").asText();
        sessions.pay(created.path("invoice").path("paymentHash").asText());
        sessions.pollUntil(sessionId, "expired");
        String macaroon = sessions.macaroon(sessionId);
        assertThat(sessions.request(sessionId, macaroon, "What is a satoshi?").status()).isEqualTo(410);

        String invoice = WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST, 495, CLIENT_WALLET);
        ApiClient.Response accepted = api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw", macaroon,
                "{\"invoice\": \"" + invoice + "\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("paymentHash").asText()).isEqualTo(Bolt11.decode(invoice).paymentHash());
        JsonNode paid = await().atMost(Duration.ofSeconds(20)).until(() -> api().getWithBearer("/api/sessions/"
                + sessionId + "/withdrawal", macaroon).body(), w -> "paid".equals(w.path("state").asText()));
        assertThat(paid.path("amountSats").asLong()).isEqualTo(495);
        JsonNode closed = sessions.pollUntil(sessionId, "closed");
        assertThat(closed.path("balanceSats").asLong()).isEqualTo(5);
    }
}
