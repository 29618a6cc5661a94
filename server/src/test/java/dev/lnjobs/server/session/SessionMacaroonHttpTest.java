package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.macaroon.MacaroonCodec;
import dev.lnjobs.infra.macaroon.SessionMacaroons;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The bearer macaroon over HTTP: what passes, and why everything else is a 401 with a reason. */
class SessionMacaroonHttpTest extends ServerTest {

    private static final String QUESTION = "What is a satoshi?";

    @Autowired
    private SessionMacaroons macaroons;
    @Autowired
    private JdbcTemplate jdbc;

    private SessionClient sessions;
    private String sessionId;
    private String macaroon;
    private Instant expiresAt;

    @BeforeEach
    void openSession() {
        sessions = new SessionClient(api(), port);
        sessionId = sessions.openAndPay(1000);
        macaroon = sessions.macaroon(sessionId); // the one POST /api/sessions answered
        expiresAt = Instant.parse(sessions.get(sessionId).body().path("expiresAt").asText());
    }

    private void assertRejected(ApiClient.Response response, String reason) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("reason").asText()).isEqualTo(reason);
        assertThat(response.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"invalid_token\", error_description=\"")
                .contains(response.body().path("detail").asText().substring(0, 20));
    }

    @Test
    void the_macaroon_answered_at_creation_runs_the_request_once_paid_and_is_bound_to_the_session() {
        assertThat(MacaroonCodec.decode(macaroon).caveats()).containsExactly("session_id = " + sessionId);
        assertThat(sessions.request(sessionId, macaroon, QUESTION).status()).isEqualTo(200);
    }

    @Test
    void a_read_without_a_credential_shows_the_state_only_and_mints_no_macaroon() {
        JsonNode anonymous = sessions.anonymousGet(sessionId).body();
        assertThat(anonymous.path("state").asText()).isEqualTo("active");
        assertThat(anonymous.path("expiresAt").asText()).isEqualTo(expiresAt.toString());
        for (String hidden : new String[]{"macaroon", "accessToken", "balanceSats", "reservedSats",
                "debitedTotalSats", "requestCount", "topUp"}) {
            assertThat(anonymous.has(hidden)).as(hidden).isFalse();
        }
        JsonNode holder = sessions.get(sessionId).body();
        assertThat(holder.path("balanceSats").asLong()).isEqualTo(1000);
        assertThat(holder.path("requestCount").asInt()).isZero();
    }

    @Test
    void a_holders_read_answers_a_fresh_macaroon_and_both_run_requests() {
        String fresh = sessions.get(sessionId).body().path("macaroon").asText();
        assertThat(fresh).isNotEmpty().isNotEqualTo(macaroon);
        assertThat(MacaroonCodec.decode(fresh).caveats()).containsExactly("session_id = " + sessionId);
        assertThat(sessions.request(sessionId, macaroon, QUESTION).status()).isEqualTo(200);
        assertThat(sessions.request(sessionId, fresh, QUESTION).status()).isEqualTo(200);
    }

    @Test
    void a_read_with_another_sessions_macaroon_or_a_forged_one_is_a_401_and_mints_nothing() {
        String other = sessions.openAndPay(1000);
        ApiClient.Response foreign = sessions.getWith(sessionId, "Bearer " + sessions.macaroon(other));
        assertRejected(foreign, "wrong_session");
        assertThat(foreign.body().has("macaroon")).isFalse();
        assertRejected(sessions.getWith(sessionId, "Bearer not-a-macaroon"), "malformed");
    }

    @Test
    void a_tampered_caveat_breaks_the_signature() {
        String expiring = macaroons.mint(sessionId, expiresAt);
        assertThat(sessions.request(sessionId, expiring, QUESTION).status()).isEqualTo(200);
        assertRejected(sessions.request(sessionId, laterExpiry(expiring), QUESTION), "bad_signature");
    }

    @Test
    void a_macaroon_minted_with_another_root_key_is_forged() {
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String forged = new SessionMacaroons(otherKey, "lnjobs").mint(sessionId, Instant.now().plusSeconds(3600));
        assertRejected(sessions.request(sessionId, forged, QUESTION), "bad_signature");
    }

    @Test
    void another_sessions_macaroon_is_refused() {
        String other = sessions.openAndPay(1000);
        assertRejected(sessions.request(other, macaroon, QUESTION), "wrong_session");
        assertThat(sessions.get(other).body().path("balanceSats").asLong()).isEqualTo(1000);
    }

    @Test
    void an_expired_macaroon_is_refused() {
        String expired = macaroons.mint(sessionId, Instant.now().minusSeconds(60));
        ApiClient.Response response = sessions.request(sessionId, expired, QUESTION);
        assertRejected(response, "expired");
        assertThat(response.body().path("detail").asText()).contains("the token has expired");
    }

    @Test
    void garbage_and_truncated_tokens_are_malformed() {
        assertRejected(sessions.request(sessionId, "not-a-macaroon", QUESTION), "malformed");
        assertRejected(sessions.request(sessionId, macaroon.substring(0, macaroon.length() / 2), QUESTION),
                "malformed");
    }

    @Test
    void no_token_gets_a_bare_challenge() {
        ApiClient.Response missing = sessions.requestWithHeader(sessionId, null, QUESTION);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(missing.body().path("reason").asText()).isEqualTo("missing");
        assertThat(sessions.requestWithHeader(sessionId, "Basic " + macaroon, QUESTION).status()).isEqualTo(401);
        assertThat(sessions.topUp(sessionId, "", 500).status()).isEqualTo(401);
    }

    @Test
    void refused_tokens_debit_nothing() {
        sessions.request(sessionId, "not-a-macaroon", QUESTION);
        sessions.request(sessionId, laterExpiry(macaroons.mint(sessionId, expiresAt)), QUESTION);
        JsonNode session = sessions.get(sessionId).body();
        assertThat(session.path("balanceSats").asLong()).isEqualTo(1000);
        assertThat(session.path("requestCount").asInt()).isZero();
    }

    @Test
    void neither_the_root_key_nor_a_token_is_in_any_event_or_read_model() {
        assertThat(sessions.request(sessionId, macaroon, QUESTION).status()).isEqualTo(200);
        byte[] rootKey = jdbc.queryForObject("SELECT secret FROM server_secret WHERE name = 'macaroon_root_key'",
                byte[].class);
        assertThat(rootKey).hasSizeGreaterThanOrEqualTo(32);
        for (String secret : new String[]{HexFormat.of().formatHex(rootKey),
                Base64.getEncoder().encodeToString(rootKey), macaroon}) {
            assertThat(occurrences("SELECT count(*) FROM domain_event_entry "
                    + "WHERE strpos(convert_from(payload, 'UTF8'), ?) > 0", secret)).isZero();
            assertThat(occurrences("SELECT count(*) FROM session_view v "
                    + "WHERE strpos(row_to_json(v)::text, ?) > 0", secret)).isZero();
            assertThat(occurrences("SELECT count(*) FROM session_requests r "
                    + "WHERE strpos(row_to_json(r)::text, ?) > 0", secret)).isZero();
            assertThat(occurrences("SELECT count(*) FROM saga_entry "
                    + "WHERE strpos(convert_from(serialized_saga, 'UTF8'), ?) > 0", secret)).isZero();
        }
    }

    private int occurrences(String sql, String secret) {
        Integer count = jdbc.queryForObject(sql, Integer.class, secret);
        return count == null ? 0 : count;
    }

    /** Rewrites the year of the expiry caveat in place (2026 → 2096), keeping the original signature. */
    private static String laterExpiry(String token) {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int digit = text.indexOf("expires < ") + "expires < ".length() + 2;
        bytes[digit] = (byte) (bytes[digit] == '9' ? '8' : '9');
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(MacaroonCodec.decode(tampered).caveats().get(1)).isNotEqualTo(MacaroonCodec.decode(token)
                .caveats().get(1));
        return tampered;
    }
}
