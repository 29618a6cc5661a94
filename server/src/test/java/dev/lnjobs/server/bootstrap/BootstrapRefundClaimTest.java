package dev.lnjobs.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.cloud.RefusingCloudProvider;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fee of a bootstrap that failed after it was paid is claimed back with the bootstrap's access token and an
 * invoice for exactly that fee: paid once, on the node's settlement; a second claim is refused naming the first.
 */
@Import(BootstrapRefundClaimTest.RefusingCloud.class)
class BootstrapRefundClaimTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("45".repeat(32));
    private static final SecureRandom RANDOM = new SecureRandom();

    @TestConfiguration(proxyBeanMethods = false)
    static class RefusingCloud {

        @Bean
        @Primary
        CloudProvider refusingCloudProvider() {
            return new RefusingCloudProvider();
        }
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_failed_bootstraps_fee_is_claimed_back_once() {
        ApiClient api = api();
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        String token = created.path("accessToken").asText();
        String otherToken = api.post("/api/bootstrap").body().path("accessToken").asText();
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/bootstrap/" + id).body(),
                b -> "failed".equals(b.path("state").asText()) && b.has("refundAmountSats"));
        String invoice = clientInvoice(10_000);
        String hash = Bolt11.decode(invoice).paymentHash();

        assertThat(claim(id, null, invoice).status()).isEqualTo(401);
        assertThat(claim(id, otherToken, invoice).status()).isEqualTo(403);
        assertThat(claim(id, token, clientInvoice(9_999)).status()).isEqualTo(400);
        ApiClient.Response accepted = claim(id, token, invoice);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("refundAmountSats").asLong()).isEqualTo(10_000);
        assertThat(accepted.body().path("refundPaymentHash").asText()).isEqualTo(hash);
        ApiClient.Response again = claim(id, token, clientInvoice(10_000));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("refundPaymentHash").asText()).isEqualTo(hash);
        await().atMost(Duration.ofSeconds(20)).until(() -> eventCount(id, "BootstrapRefundPaid") == 1);
        assertThat(outgoingPayments(hash)).isEqualTo(1);
        assertThat(claim(id, token, clientInvoice(10_000)).status()).isEqualTo(409);

        JsonNode ledger = api.getWithBearer("/api/admin/audit/ledger", TestSettings.all().get("lnjobs.admin.token"))
                .body();
        assertThat(ledger.path("details").findValuesAsText("id")).doesNotContain(id);
        assertThat(ledger.path("totals").path("refunded").asLong()).isGreaterThanOrEqualTo(10_000);
    }

    private ApiClient.Response claim(String id, String token, String invoice) {
        String body = "{\"invoice\": \"" + invoice + "\"}";
        return token == null ? api().postJson("/api/bootstrap/" + id + "/refund", body)
                : api().postJsonWithBearer("/api/bootstrap/" + id + "/refund", token, body);
    }

    private static String clientInvoice(long sats) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, Instant.now(), HexFormat.of().formatHex(hash),
                "cd".repeat(32), "bootstrap refund", 3600, CLIENT_WALLET);
    }

    private int outgoingPayments(String hash) {
        return jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' AND payment_hash = ?",
                Integer.class, hash);
    }

    private int eventCount(String id, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, id, "%$" + type);
    }
}
