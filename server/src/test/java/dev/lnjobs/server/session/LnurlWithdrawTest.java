package dev.lnjobs.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Lnurl;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * LNURL-withdraw driven as a wallet drives it, on the stub node: the LNURL is decoded, its withdrawRequest read, an
 * invoice for maxWithdrawable made and sent to the callback. A 500-sat deposit keeps back a fee reserve of 5 sats,
 * so min = max = 495 000 msat.
 */
@Import(WithdrawalTest.TestPorts.class)
class LnurlWithdrawTest extends ServerTest {

    private static final NodeKey WALLET = NodeKey.fromPrivateKeyHex("44".repeat(32));

    @Autowired
    private JdbcTemplate jdbc;

    private ApiClient.Response link(SessionClient sessions, String sessionId) {
        return api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw/lnurl",
                sessions.macaroon(sessionId), "");
    }

    /** A GET of a whole URL, as a wallet makes it. */
    private JsonNode wallet(String url) {
        ApiClient.Response response = api().send(HttpRequest.newBuilder(URI.create(url)).GET());
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private JsonNode callback(JsonNode request, String invoice) {
        return wallet(request.path("callback").asText() + "?k1=" + request.path("k1").asText() + "&pr="
                + URLEncoder.encode(invoice, StandardCharsets.UTF_8));
    }

    @Test
    void a_wallet_withdraws_the_balance_through_the_link_once() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);

        ApiClient.Response made = link(sessions, sessionId);

        assertThat(made.status()).isEqualTo(200);
        String lnurl = made.body().path("lnurl").asText();
        assertThat(lnurl).startsWith("LNURL1").isUpperCase();
        assertThat(made.body().path("amountSats").asLong()).isEqualTo(495);
        assertThat(made.body().path("feeReserveSats").asLong()).isEqualTo(5);
        assertThat(Instant.parse(made.body().path("expiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
        assertThat(api().get(made.body().path("qrUrl").asText()).status()).isEqualTo(200);
        // nothing is escrowed until the wallet calls back
        assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(500);

        String url = Lnurl.decode(lnurl);
        assertThat(url).isEqualTo("http://localhost:" + port + "/api/lnurlw/" + url.substring(url.lastIndexOf('/')
                + 1));
        JsonNode request = wallet(url);
        assertThat(request.path("tag").asText()).isEqualTo("withdrawRequest");
        assertThat(request.path("k1").asText()).matches("[0-9a-f]{64}");
        assertThat(request.path("callback").asText()).isEqualTo("http://localhost:" + port + "/api/lnurlw/callback");
        assertThat(request.path("minWithdrawable").asLong()).isEqualTo(495_000);
        assertThat(request.path("maxWithdrawable").asLong()).isEqualTo(495_000);
        assertThat(request.path("defaultDescription").asText()).contains(sessionId);

        // a wrong amount is refused, naming the check, and leaves the k1 usable
        JsonNode wrong = callback(request, WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST, 500, WALLET));
        assertThat(wrong.path("status").asText()).isEqualTo("ERROR");
        assertThat(wrong.path("reason").asText()).contains("500000");
        assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(500);

        String invoice = WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST,
                request.path("maxWithdrawable").asLong() / 1000, WALLET);
        String hash = Bolt11.decode(invoice).paymentHash();
        JsonNode ok = callback(request, invoice);
        assertThat(ok.path("status").asText()).isEqualTo("OK");
        assertThat(ok.has("reason")).isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> outgoingPayments(hash) == 1);
        JsonNode paid = await().atMost(Duration.ofSeconds(20)).until(() -> api().getWithBearer("/api/sessions/"
                + sessionId + "/withdrawal", sessions.macaroon(sessionId)).body(),
                w -> "paid".equals(w.path("state").asText()));
        assertThat(paid.path("destination").asText()).isEqualTo("lnurl");
        assertThat(paid.path("amountSats").asLong()).isEqualTo(495);
        assertThat(paid.path("paymentHash").asText()).isEqualTo(hash);
        JsonNode closed = sessions.pollUntil(sessionId, "closed");
        assertThat(closed.path("balanceSats").asLong()).isEqualTo(5); // the unspent reserve, as any withdrawal

        // the k1 is single-use: a second callback (even with a fresh invoice) and a second read are refused
        JsonNode again = callback(request, WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST, 495, WALLET));
        assertThat(again.path("status").asText()).isEqualTo("ERROR");
        assertThat(again.path("reason").asText()).contains("already used");
        assertThat(wallet(url).path("reason").asText()).contains("already used");
        assertThat(outgoingPayments(hash)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%$WithdrawalRequested'", Integer.class, sessionId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lnurl_withdraw_link WHERE k1_sha256 = ?",
                Integer.class, request.path("k1").asText())).isZero(); // the k1 is kept only as its sha256

        JsonNode ledger = api().getWithBearer("/api/admin/audit/ledger", "test-admin-token").body();
        assertThat(ledger.path("mismatches").asLong()).isZero();
    }

    @Test
    void an_expired_link_is_refused_and_the_balance_stays_withdrawable() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);
        String url = Lnurl.decode(link(sessions, sessionId).body().path("lnurl").asText());
        JsonNode request = wallet(url);
        jdbc.update("UPDATE lnurl_withdraw_link SET expires_at = now() - interval '1 second' WHERE k1_sha256 = ?",
                LnurlWithdrawLinks.sha256(request.path("k1").asText()));

        JsonNode late = callback(request, WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST, 495, WALLET));

        assertThat(late.path("status").asText()).isEqualTo("ERROR");
        assertThat(late.path("reason").asText()).contains("expired");
        assertThat(wallet(url).path("status").asText()).isEqualTo("ERROR");
        JsonNode session = sessions.get(sessionId).body();
        assertThat(session.path("state").asText()).isEqualTo("active");
        assertThat(session.path("balanceSats").asLong()).isEqualTo(500);
        // a new link takes the same balance
        JsonNode fresh = wallet(Lnurl.decode(link(sessions, sessionId).body().path("lnurl").asText()));
        assertThat(callback(fresh, WithdrawalTest.clientInvoice(BitcoinNetwork.REGTEST, 495, WALLET))
                .path("status").asText()).isEqualTo("OK");
        sessions.pollUntil(sessionId, "closed");
    }

    @Test
    void a_link_needs_the_macaroon_and_unknown_k1s_are_lnurl_errors() {
        SessionClient sessions = new SessionClient(api(), port);
        String sessionId = sessions.openAndPay(500);

        assertThat(api().postJsonWithBearer("/api/sessions/" + sessionId + "/withdraw/lnurl", null, "").status())
                .isEqualTo(401);
        JsonNode unknown = wallet("http://localhost:" + port + "/api/lnurlw/callback?k1=" + "ab".repeat(32)
                + "&pr=lnbcrt1x");
        assertThat(unknown.path("status").asText()).isEqualTo("ERROR");
        assertThat(unknown.path("reason").asText()).contains("unknown k1");
        assertThat(wallet("http://localhost:" + port + "/api/lnurlw/callback").path("status").asText())
                .isEqualTo("ERROR");
        assertThat(sessions.get(sessionId).body().path("balanceSats").asLong()).isEqualTo(500);
    }

    private int outgoingPayments(String hash) {
        return jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' AND payment_hash = ?",
                Integer.class, hash);
    }
}
