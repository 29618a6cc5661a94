package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash test's session client: opens a session, pays its deposit and withdraws its balance, retrying
 * idempotently across kills (re-reading the session and its withdrawal, and withdrawing again only when none is
 * recorded or the last failed). Keeps the payment hash of every withdrawal the server accepted.
 *
 * <p>One session's steps are bounded by the step bound, as a job's are; but while the kills go on the server may be
 * up for only a few cold seconds between restarts that each take most of a minute on a loaded machine, so a session
 * opened just before a kill can run out of its bound with the server hardly ever up (the first version of this
 * client failed so, its session paid and active, no withdrawal ever requested). Such a session is kept, with its
 * token, and finished after the last restart against a server that stays up: there it must get its withdrawal paid
 * within the step bound, and a session whose bound runs out then fails the test with what the client last saw.
 */
final class CrashWithdrawals {

    /** At the default fee cap, a 500-sat deposit is withdrawn as 495 sats with a reserve of 5. */
    static final long DEPOSIT_SATS = 500;
    static final long WITHDRAWN_SATS = 495;

    private final NodeKey wallet;
    private final Duration stepBound;
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** Sessions whose bound ran out during the kills: session id → token. */
    final Map<String, String> unfinished = new ConcurrentHashMap<>();
    /** What the client last saw of each session, for a failure's message. */
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
    private volatile boolean killsOver;

    CrashWithdrawals(NodeKey wallet, Duration stepBound) {
        this.wallet = wallet;
        this.stepBound = stepBound;
    }

    /** From now on the server stays up: a session whose bound runs out is a failure. */
    void killsOver() {
        killsOver = true;
    }

    /** Opens, pays and withdraws one session; false when its bound ran out during the kills (kept unfinished). */
    boolean runSession(ApiClient api, int n) {
        boolean duringKills = !killsOver;
        JsonNode created;
        try {
            created = await("open session " + n).atMost(stepBound).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        ApiClient.Response response = api.postJson("/api/sessions",
                                "{\"amount_sats\": " + DEPOSIT_SATS + "}");
                        return response.status() == 201 || response.status() == 202 ? response.body() : null;
                    }, body -> body != null);
        } catch (ConditionTimeoutException e) {
            if (duringKills) {
                return false; // nothing answered: a session it may have opened stays unpaid, as an orphan job does
            }
            throw e;
        }
        String sessionId = created.path("sessionId").asText();
        String token = created.path("accessToken").asText();
        try {
            await("withdraw session " + sessionId).atMost(stepBound).pollInterval(Duration.ofMillis(150))
                    .ignoreExceptions().until(() -> step(api, sessionId, token));
            return true;
        } catch (ConditionTimeoutException e) {
            if (duringKills) {
                unfinished.put(sessionId, token);
                return false;
            }
            throw new AssertionError("session " + sessionId + " not withdrawn; last seen: "
                    + lastSeen.get(sessionId), e);
        }
    }

    /** After the last restart: every session left unfinished gets its withdrawal paid within the step bound. */
    void finishUnfinished(ApiClient api) {
        unfinished.forEach((sessionId, token) -> {
            try {
                await("withdraw unfinished session " + sessionId).atMost(stepBound)
                        .pollInterval(Duration.ofMillis(150)).ignoreExceptions()
                        .until(() -> step(api, sessionId, token));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("session " + sessionId + " not withdrawn after the last restart; last "
                        + "seen: " + lastSeen.get(sessionId), e);
            }
        });
    }

    /** One look at the session and one move; true once its withdrawal is paid. */
    private boolean step(ApiClient api, String sessionId, String token) {
        lastSeen.put(sessionId, "no answer yet");
        // the state-only read: the macaroon authenticates only once the deposit is paid
        ApiClient.Response read = api.get("/api/sessions/" + sessionId);
        JsonNode session = read.body();
        String state = session.path("state").asText();
        lastSeen.put(sessionId, Instant.now() + " read " + read.status() + " state " + state);
        switch (state) {
            case "awaiting_payment" -> {
                String hash = session.path("invoice").path("paymentHash").asText(null);
                if (hash != null) {
                    ApiClient.Response paid = api.post("/api/dev/stub/pay/" + hash);
                    lastSeen.put(sessionId, Instant.now() + " awaiting_payment, stub pay " + paid.status() + " "
                            + paid.body());
                }
                return false;
            }
            case "active" -> {
                withdraw(api, sessionId, token);
                return false;
            }
            case "closed" -> {
                ApiClient.Response answer = api.getWithBearer("/api/sessions/" + sessionId + "/withdrawal", token);
                JsonNode withdrawal = answer.body();
                String withdrawalState = withdrawal.path("state").asText();
                lastSeen.put(sessionId, Instant.now() + " closed, withdrawal " + answer.status() + " " + withdrawal);
                if (withdrawalState.equals("paid") || withdrawalState.equals("pending")) {
                    // the answer to the withdrawal may have been lost in a crash; this is the one accepted
                    accepted.add(withdrawal.path("paymentHash").asText());
                }
                if (withdrawalState.equals("failed")) {
                    withdraw(api, sessionId, token);
                }
                return withdrawalState.equals("paid");
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
        lastSeen.put(sessionId, Instant.now() + " active, withdraw " + response.status() + " " + response.body());
        String acceptedHash = response.body().path("paymentHash").asText(null);
        if ((response.status() == 202 || response.status() == 409) && acceptedHash != null) {
            accepted.add(acceptedHash);
        }
        assertThat(response.status()).as("withdrawal of %s: %s", sessionId, response.body()).isIn(202, 409);
    }
}
