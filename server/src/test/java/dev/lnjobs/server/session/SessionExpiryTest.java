package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The expiry deadline, for real: db-scheduler fires it and the session expires, after which it is gone (410). */
@TestPropertySource(properties = "lnjobs.session.expiry=3s")
class SessionExpiryTest extends ServerTest {

    @Autowired
    private SessionMacaroons macaroons;

    @Test
    void an_idle_session_expires_on_its_deadline_and_then_refuses_requests_and_top_ups_with_410() {
        SessionClient sessions = new SessionClient(api(), port);
        JsonNode created = sessions.open(500).body();
        String sessionId = created.path("sessionId").asText();
        sessions.pay(created.path("invoice").path("paymentHash").asText());

        JsonNode expired = sessions.pollUntil(sessionId, "expired");
        assertThat(expired.path("expiryReason").asText()).startsWith("no successful request before ");
        assertThat(expired.path("balanceSats").asLong()).isEqualTo(500);
        assertThat(expired.has("macaroon")).isFalse();

        // Even a correctly signed token that has not run out yet cannot use an expired session.
        String stillSigned = macaroons.mint(sessionId, Instant.now().plusSeconds(3600));
        ApiClient.Response request = sessions.request(sessionId, stillSigned, "What is a satoshi?");
        assertThat(request.status()).isEqualTo(410);
        assertThat(request.contentType()).startsWith("application/problem+json");
        assertThat(request.body().path("title").asText()).isEqualTo("Session expired");
        assertThat(request.body().path("detail").asText()).contains("open a new session");
        assertThat(sessions.topUp(sessionId, stillSigned, 500).status()).isEqualTo(410);
    }

    @Test
    void a_top_up_paid_after_the_session_expired_counts_in_its_balance() {
        SessionClient sessions = new SessionClient(api(), port);
        JsonNode created = sessions.open(500).body();
        String sessionId = created.path("sessionId").asText();
        sessions.pay(created.path("invoice").path("paymentHash").asText());
        sessions.pollUntil(sessionId, "active");
        String topUpHash = sessions.topUp(sessionId, sessions.macaroon(sessionId), 300).body()
                .path("invoice").path("paymentHash").asText();
        sessions.pollUntil(sessionId, "expired");

        assertThat(sessions.pay(topUpHash).body().path("outcome").asText()).isEqualTo("CONFIRMED");

        JsonNode expired = await().atMost(Duration.ofSeconds(20)).until(() -> sessions.get(sessionId).body(),
                s -> s.path("balanceSats").asLong() != 500);
        assertThat(expired.path("state").asText()).isEqualTo("expired");
        assertThat(expired.path("balanceSats").asLong()).isEqualTo(800);
    }
}
