package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash test's session client: opens a session, pays its deposit and withdraws its balance, retrying
 * idempotently across kills (re-reading the session and its withdrawal, and withdrawing again only when none is
 * recorded or the last failed). Keeps the payment hash of every withdrawal the server accepted.
 */
final class CrashWithdrawals {

    /** At the default fee cap, a 500-sat deposit is withdrawn as 495 sats with a reserve of 5. */
    static final long DEPOSIT_SATS = 500;
    static final long WITHDRAWN_SATS = 495;

    private final NodeKey wallet;
    private final Duration stepBound;
    final Set<String> accepted = ConcurrentHashMap.newKeySet();

    CrashWithdrawals(NodeKey wallet, Duration stepBound) {
        this.wallet = wallet;
        this.stepBound = stepBound;
    }

    void runSession(ApiClient api, int n) {
        JsonNode created = await("open session " + n).atMost(stepBound).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    ApiClient.Response response = api.postJson("/api/sessions",
                            "{\"amount_sats\": " + DEPOSIT_SATS + "}");
                    return response.status() == 201 || response.status() == 202 ? response.body() : null;
                }, body -> body != null);
        String sessionId = created.path("sessionId").asText();
        String token = created.path("accessToken").asText();
        await("withdraw session " + sessionId).atMost(stepBound).pollInterval(Duration.ofMillis(150))
                .ignoreExceptions().until(() -> step(api, sessionId, token));
    }

    /** One look at the session and one move; true once its withdrawal is paid. */
    private boolean step(ApiClient api, String sessionId, String token) {
        // the state-only read: the macaroon authenticates only once the deposit is paid
        JsonNode session = api.get("/api/sessions/" + sessionId).body();
        switch (session.path("state").asText()) {
            case "awaiting_payment" -> {
                String hash = session.path("invoice").path("paymentHash").asText(null);
                if (hash != null) {
                    api.post("/api/dev/stub/pay/" + hash);
                }
                return false;
            }
            case "active" -> {
                withdraw(api, sessionId, token);
                return false;
            }
            case "closed" -> {
                JsonNode withdrawal = api.getWithBearer("/api/sessions/" + sessionId + "/withdrawal", token).body();
                String state = withdrawal.path("state").asText();
                if (state.equals("paid") || state.equals("pending")) {
                    // the answer to the withdrawal may have been lost in a crash; this is the one accepted
                    accepted.add(withdrawal.path("paymentHash").asText());
                }
                if (state.equals("failed")) {
                    withdraw(api, sessionId, token);
                }
                return state.equals("paid");
            }
            default -> {
                return false;
            }
        }
    }

    private void withdraw(ApiClient api, String sessionId, String token) {
        byte[] hash = new byte[32];
        new Random(sessionId.hashCode() * 7919L + System.nanoTime()).nextBytes(hash);
        String invoice = Bolt11.encode(BitcoinNetwork.REGTEST, WITHDRAWN_SATS * 1000, Instant.now(),
                HexFormat.of().formatHex(hash), "cd".repeat(32), "withdrawal", 3600, wallet);
        ApiClient.Response response = api.postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw", token,
                "{\"invoice\": \"" + invoice + "\"}");
        String acceptedHash = response.body().path("paymentHash").asText(null);
        if ((response.status() == 202 || response.status() == 409) && acceptedHash != null) {
            accepted.add(acceptedHash);
        }
        assertThat(response.status()).as("withdrawal of %s: %s", sessionId, response.body()).isIn(202, 409);
    }
}
