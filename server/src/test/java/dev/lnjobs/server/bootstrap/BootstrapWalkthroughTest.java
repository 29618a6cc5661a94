package dev.lnjobs.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.sagas.bootstrap.SshFingerprint;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's bootstrap walkthrough in stub mode, over real HTTP on real PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapWalkthroughTest extends ServerTest {

    /** Every answer of the walkthrough is checked against the OpenAPI document. */
    @Override
    protected boolean validatesAgainstOpenApi() {
        return true;
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_paid_bootstrap_provisions_a_node_and_hands_over_its_ssh_key_exactly_once(CapturedOutput output) {
        ApiClient api = api();
        ApiClient.Response created = api.post("/api/bootstrap");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("bootstrapJobId").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(created.header("Location")).isEqualTo("/api/bootstrap/" + id);
        assertThat(created.body().path("state").asText()).isEqualTo("awaiting_payment");
        JsonNode invoice = created.body().path("invoice");
        assertThat(invoice.path("amountSats").asLong()).isEqualTo(10_000);
        Bolt11Invoice decoded = Bolt11.decode(invoice.path("paymentRequest").asText());
        assertThat(decoded.network()).isEqualTo(BitcoinNetwork.REGTEST);
        assertThat(decoded.amountSats()).isEqualTo(10_000);
        String hash = invoice.path("paymentHash").asText();
        assertThat(decoded.paymentHash()).isEqualTo(hash);
        assertThat(created.body().path("message").asText()).startsWith("Stub mode: simulate payment with POST "
                + "/api/dev/stub/pay/" + hash);
        String token = created.body().path("accessToken").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{40,}");

        JsonNode unpaid = api.get("/api/bootstrap/" + id).body();
        assertThat(unpaid.path("state").asText()).isEqualTo("awaiting_payment");
        assertThat(unpaid.has("credentials")).isFalse();

        ApiClient.Response paid = api.post("/api/dev/stub/pay/" + hash);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("paid").asBoolean()).isTrue();
        // The invoice routing is written with the invoice; were it late, the watcher would find the payment.
        assertThat(paid.body().path("outcome").asText()).isIn("CONFIRMED", "UNKNOWN_INVOICE");
        List<String> statesSeen = new ArrayList<>();
        // A reader with the id alone sees the node ready, and neither its credentials nor the key.
        JsonNode anonymous = pollUntilReady(api, id, null, statesSeen).body();
        assertThat(anonymous.has("credentials")).isFalse();
        assertThat(anonymous.has("nextSteps")).isFalse();
        assertThat(anonymous.has("accessToken")).isFalse();
        assertThat(anonymous.path("sshKeyNote").asText()).isEqualTo(BootstrapResponse.TOKEN_NEEDED);
        ApiClient.Response first = api.getWithBearer("/api/bootstrap/" + id, token);

        // The read model catches up asynchronously, so a poll may still see the payment pending; never failed.
        assertThat(statesSeen.stream().distinct().toList()).isSubsetOf("awaiting_payment", "provisioning", "ready")
                .endsWith("ready");
        assertThat(first.header("Cache-Control")).contains("no-store");
        JsonNode ready = first.body();
        String nodeName = "timmy-node-" + id.substring(0, 8);
        assertThat(ready.path("nodeName").asText()).isEqualTo(nodeName);
        JsonNode credentials = ready.path("credentials");
        assertThat(credentials.path("nodeIp").asText()).matches("192\\.0\\.2\\.\\d{1,3}");
        assertThat(credentials.path("tailscaleHostname").asText()).isEqualTo(nodeName + ".tailnet.ts.net");
        assertThat(credentials.path("lnbitsUrl").asText()).isEqualTo("https://" + nodeName + ".tailnet.ts.net");
        String privateKey = credentials.path("sshPrivateKey").asText();
        assertThat(privateKey).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .endsWith("-----END OPENSSH PRIVATE KEY-----\n");
        assertThat(fingerprintOfPrivateKey(privateKey)).isEqualTo(ready.path("sshKeyFingerprint").asText());
        assertThat(ready.path("sshKeyNote").asText()).isEqualTo(BootstrapResponse.KEY_SHOWN_NOW);
        List<String> steps = new ArrayList<>();
        ready.path("nextSteps").forEach(step -> steps.add(step.asText()));
        assertThat(steps).hasSize(5);
        assertThat(steps.get(0)).startsWith("SSH in").contains("timmy@" + credentials.path("nodeIp").asText());
        assertThat(steps.get(1)).startsWith("Monitor sync").contains("/opt/timmy/sync-status.sh");
        assertThat(steps.get(2)).startsWith("Run lnd-init.sh").contains("/opt/timmy/lnd-init.sh");
        assertThat(steps.get(3)).startsWith("Configure sweep").contains("/opt/timmy/sweep-config.sh");
        assertThat(steps.get(4)).contains("https://" + nodeName + ".tailnet.ts.net");

        ApiClient.Response second = api.getWithBearer("/api/bootstrap/" + id, token);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("state").asText()).isEqualTo("ready");
        assertThat(second.body().path("credentials").has("sshPrivateKey")).isTrue();
        assertThat(second.body().path("credentials").path("sshPrivateKey").isNull()).isTrue();
        assertThat(second.body().path("credentials").path("nodeIp").asText())
                .isEqualTo(credentials.path("nodeIp").asText());
        assertThat(second.body().path("sshKeyNote").asText()).isEqualTo(BootstrapResponse.KEY_GONE);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT ssh_key_delivered_at IS NOT NULL FROM bootstrap_view WHERE bootstrap_id = ?", Boolean.class,
                id)).isTrue());
        assertPrivateKeyStoredNowhere(privateKey, output);
    }

    @Test
    void a_repeated_payment_notice_provisions_nothing_twice() {
        ApiClient api = api();
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        String hash = created.path("invoice").path("paymentHash").asText();
        assertThat(api.post("/api/dev/stub/pay/" + hash).status()).isEqualTo(200);
        pollUntilReady(api, id, null, new ArrayList<>());

        // Notices keep coming (stub pay, webhook replays) until the routing knows the invoice is paid.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.post("/api/dev/stub/pay/" + hash)
                .body().path("outcome").asText()).isEqualTo("ALREADY_PAID"));
        for (int replay = 0; replay < 3; replay++) {
            assertThat(api.postJson("/api/lightning/webhook", "{\"payment_hash\": \"" + hash + "\"}")
                    .body().path("outcome").asText()).isEqualTo("ALREADY_PAID");
        }

        assertThat(eventCount(id, "BootstrapPaid")).isEqualTo(1);
        assertThat(eventCount(id, "SshKeyGenerated")).isEqualTo(1);
        assertThat(eventCount(id, "DropletCreated")).isEqualTo(1);
        assertThat(eventCount(id, "NodeReady")).isEqualTo(1);
    }

    @Test
    void an_unknown_bootstrap_is_not_found_and_a_malformed_id_is_refused() {
        ApiClient.Response missing = api().get("/api/bootstrap/0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        ApiClient.Response malformed = api().get("/api/bootstrap/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("detail").asText()).isEqualTo("bootstrap id must be a UUID");
    }

    /**
     * Polls as a client would, with the access token or (null) without; with it, the read that first sees the node
     * ready is the one that carries the key.
     */
    static ApiClient.Response pollUntilReady(ApiClient api, String id, String token, List<String> statesSeen) {
        AtomicReference<ApiClient.Response> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            ApiClient.Response response = api.getWithBearer("/api/bootstrap/" + id, token);
            last.set(response);
            statesSeen.add(response.body().path("state").asText());
            assertThat(response.body().path("state").asText()).isEqualTo("ready");
        });
        return last.get();
    }

    private long eventCount(String aggregateId, String eventName) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Long.class, aggregateId, "%$" + eventName);
    }

    /** The key that opens the node must be the one whose public half it was given. */
    private static String fingerprintOfPrivateKey(String pem) {
        String body = pem.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters)
                OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(Base64.getDecoder().decode(body));
        try {
            byte[] publicBlob = OpenSSHPublicKeyUtil.encodePublicKey(key.generatePublicKey());
            return SshFingerprint.of("ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Event payloads, saga state, deadlines, tokens, read models and logs hold no trace of the private key. */
    private void assertPrivateKeyStoredNowhere(String privateKey, CapturedOutput output) {
        List<String> traces = List.of("OPENSSH PRIVATE KEY", privateKey.lines().skip(1).findFirst().orElseThrow(),
                privateKey.lines().skip(3).findFirst().orElseThrow());
        List<String> stored = new ArrayList<>();
        stored.addAll(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') || coalesce(convert_from(meta_data, "
                + "'UTF8'), '') FROM domain_event_entry", String.class));
        stored.addAll(jdbc.queryForList("SELECT convert_from(serialized_saga, 'UTF8') FROM saga_entry", String.class));
        stored.addAll(jdbc.queryForList("SELECT encode(task_data, 'escape') FROM scheduled_tasks "
                + "WHERE task_data IS NOT NULL", String.class));
        stored.addAll(jdbc.queryForList("SELECT t::text FROM bootstrap_view t", String.class));
        stored.addAll(jdbc.queryForList("SELECT t::text FROM issued_invoice t", String.class));
        stored.addAll(jdbc.queryForList("SELECT t::text FROM association_value_entry t", String.class));
        assertThat(stored).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%BootstrapEvents$SshKeyGenerated'", Long.class)).isPositive();
        for (String trace : traces) {
            assertThat(stored).noneSatisfy(row -> assertThat(row).contains(trace));
            assertThat(output.getAll()).doesNotContain(trace);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ssh_private_key WHERE bootstrap_id IN "
                + "(SELECT bootstrap_id FROM bootstrap_view WHERE ssh_key_delivered_at IS NOT NULL)", Long.class))
                .isZero();
    }
}
