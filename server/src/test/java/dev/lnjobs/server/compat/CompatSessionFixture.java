package dev.lnjobs.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Opens and funds sessions over the session routes (stub mode), and reads their balance as their holder. */
final class CompatSessionFixture {

    /** An active session and its macaroon, the API key of the compatible routes. */
    record FundedSession(String sessionId, String macaroon) {
    }

    private final ApiClient api;

    CompatSessionFixture(ApiClient api) {
        this.api = api;
    }

    FundedSession openAndPay(long depositSats) {
        JsonNode created = api.postJson("/api/sessions", "{\"amount_sats\": " + depositSats + "}").body();
        String sessionId = created.path("sessionId").asText();
        String paymentHash = created.path("invoice").path("paymentHash").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(api.post("/api/dev/stub/pay/" + paymentHash).body().path("outcome").asText())
                        .isNotEqualTo("UNKNOWN_INVOICE"));
        FundedSession session = new FundedSession(sessionId, created.path("macaroon").asText());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(read(session).path("state").asText()).isEqualTo("active"));
        return session;
    }

    JsonNode read(FundedSession session) {
        return api.getWithBearer("/api/sessions/" + session.sessionId(), session.macaroon()).body();
    }

    long balance(FundedSession session) {
        return read(session).path("balanceSats").asLong();
    }

    /** The balance once no request holds a reservation any more (a stream settles just after its last event). */
    long settledBalance(FundedSession session) {
        AtomicReference<JsonNode> view = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            view.set(read(session));
            assertThat(view.get().path("reservedSats").asLong()).isZero();
        });
        return view.get().path("balanceSats").asLong();
    }
}
