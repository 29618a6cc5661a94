package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed's session curl steps, for tests: open, pay (stub), poll, request and top up with a bearer macaroon. The
 * macaroon each opened session was answered with is kept, and {@link #get} reads as its holder (with it).
 */
final class SessionClient {

    private final ApiClient api;
    private final String base;
    private final Map<String, String> macaroons = new ConcurrentHashMap<>();

    SessionClient(ApiClient api, int port) {
        this.api = api;
        this.base = "http://localhost:" + port;
    }

    ApiClient.Response open(long amountSats) {
        return openWith("{\"amount_sats\": " + amountSats + "}");
    }

    /** Opens with a body of the test's own (e.g. with a refund address), keeping its macaroon as {@link #open}. */
    ApiClient.Response openWith(String json) {
        ApiClient.Response response = api.postJson("/api/sessions", json);
        String token = response.body().path("accessToken").asText("");
        if (!token.isEmpty()) {
            macaroons.put(response.body().path("sessionId").asText(), token);
        }
        return response;
    }

    /**
     * Pays a stub invoice. The invoice routing is a projection of its own, so right after an invoice is issued the
     * notice may find it unknown; a wallet would simply be told to retry, and so does this.
     */
    ApiClient.Response pay(String paymentHash) {
        AtomicReference<ApiClient.Response> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            ApiClient.Response response = api.post("/api/dev/stub/pay/" + paymentHash);
            last.set(response);
            assertThat(response.body().path("outcome").asText()).isNotEqualTo("UNKNOWN_INVOICE");
        });
        return last.get();
    }

    /** The holder's read: with the macaroon the session was opened with, if this client opened it. */
    ApiClient.Response get(String sessionId) {
        String token = macaroons.get(sessionId);
        return token == null ? anonymousGet(sessionId) : getWith(sessionId, "Bearer " + token);
    }

    /** A read without any credential. */
    ApiClient.Response anonymousGet(String sessionId) {
        return api.get("/api/sessions/" + sessionId);
    }

    /** {@code authorization} is the whole header value. */
    ApiClient.Response getWith(String sessionId, String authorization) {
        return api.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + sessionId))
                .header("Authorization", authorization).GET());
    }

    /** Opens a session, pays its deposit and answers its id once it is active. */
    String openAndPay(long amountSats) {
        JsonNode created = open(amountSats).body();
        assertThat(pay(created.path("invoice").path("paymentHash").asText()).status()).isEqualTo(200);
        String sessionId = created.path("sessionId").asText();
        pollUntil(sessionId, "active");
        return sessionId;
    }

    /** The macaroon the session was answered with when this client opened it. */
    String macaroon(String sessionId) {
        String token = macaroons.get(sessionId);
        assertThat(token).isNotEmpty();
        return token;
    }

    JsonNode pollUntil(String sessionId, String state) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode session = get(sessionId).body();
            last.set(session);
            assertThat(session.path("state").asText()).isEqualTo(state);
        });
        return last.get();
    }

    ApiClient.Response request(String sessionId, String token, String request) {
        return postWithBearer("/api/sessions/" + sessionId + "/request", token,
                "{\"request\": \"" + request + "\"}");
    }

    ApiClient.Response topUp(String sessionId, String token, long amountSats) {
        return postWithBearer("/api/sessions/" + sessionId + "/topup", token,
                "{\"amount_sats\": " + amountSats + "}");
    }

    /** {@code authorization} is the whole header value, or null for none. */
    ApiClient.Response requestWithHeader(String sessionId, String authorization, String request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + sessionId
                        + "/request"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"request\": \"" + request + "\"}"));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return api.send(builder);
    }

    private ApiClient.Response postWithBearer(String path, String token, String json) {
        return api.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
