package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import dev.lnjobs.server.support.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a run through jobs, sessions and a node bootstrap, no secret (admin token, macaroon root key, SSH key
 * encryption key, the delivered SSH private key, every access token and session macaroon handed out) is found in the
 * logs, the events, saga or deadline state, or any read model: only in the tables that exist to hold them, encrypted
 * where they must be (access tokens and macaroons are in none: they are never stored).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest extends ServerTest {

    /** Tables whose purpose is to keep a secret (the SSH key only encrypted). */
    private static final List<String> SECRET_TABLES = List.of("server_secret", "bootstrap_secret", "ssh_private_key",
            "flyway_schema_history");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void no_secret_reaches_logs_events_or_read_models(CapturedOutput output) {
        ApiClient api = api();
        String sshPrivateKey = bootstrapAndTakeTheKey(api);
        runASessionRequest(api);
        claimAJobsRefund(api);
        api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/admin/audit/pricing")).header("Authorization", "Bearer "
                + TestSettings.all().get("lnjobs.admin.token")).GET());

        Map<String, List<String>> secrets = new LinkedHashMap<>();
        secrets.put("admin token",
                forms(TestSettings.all().get("lnjobs.admin.token").getBytes(StandardCharsets.UTF_8)));
        jdbc.query("SELECT name, secret FROM server_secret", row -> {
            secrets.put("server_secret " + row.getString(1), forms(row.getBytes(2)));
        });
        jdbc.query("SELECT name, secret FROM bootstrap_secret", row -> {
            secrets.put("bootstrap_secret " + row.getString(1), forms(row.getBytes(2)));
        });
        String keyBody = sshPrivateKey.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        secrets.put("ssh private key", forms(keyBody.getBytes(StandardCharsets.US_ASCII)));
        secrets.get("ssh private key").add(sshPrivateKey.lines().skip(2).findFirst().orElseThrow());
        assertThat(secrets).containsKeys("server_secret macaroon_root_key");
        assertThat(tokens).hasSize(4); // bootstrap, session at creation, session to its holder, job
        tokens.forEach((name, token) -> secrets.put(name, List.of(token)));

        String haystack = everyRowAsText() + "\n" + output.getAll();
        List<String> found = new ArrayList<>();
        secrets.forEach((name, forms) -> forms.forEach(form -> {
            if (haystack.contains(form)) {
                found.add(name);
            }
        }));
        assertThat(found).isEmpty();
    }

    /** The secret as raw text, hex, base64 and base64url, the ways it could be written down. */
    private static List<String> forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        forms.add(new String(secret, StandardCharsets.ISO_8859_1));
        forms.add(HexFormat.of().formatHex(secret));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        forms.removeIf(form -> form.length() < 12);
        return forms;
    }

    /** Every row of every table but the secret stores, as JSON text (bytea as hex, so hex forms are searched too). */
    private String everyRowAsText() {
        StringBuilder text = new StringBuilder();
        for (String table : jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                String.class)) {
            if (SECRET_TABLES.contains(table)) {
                continue;
            }
            jdbc.query("SELECT row_to_json(t)::text FROM " + table + " t", row -> {
                text.append(row.getString(1)).append('\n');
            });
            // JSON payloads of events and sagas, readable (row_to_json shows them as hex)
            if (table.equals("domain_event_entry") || table.equals("saga_entry")) {
                String column = table.equals("saga_entry") ? "serialized_saga" : "payload";
                jdbc.query("SELECT convert_from(" + column + ", 'UTF8') FROM " + table, row -> {
                    text.append(row.getString(1)).append('\n');
                });
            }
        }
        return text.toString();
    }

    /** Every access token and macaroon the run was handed, by what it is. */
    private final Map<String, String> tokens = new LinkedHashMap<>();

    private String handedOut(String name, JsonNode answer, String field) {
        String token = answer.path(field).asText();
        assertThat(token).as(name).hasSizeGreaterThan(40);
        tokens.put(name, token);
        return token;
    }

    private String bootstrapAndTakeTheKey(ApiClient api) {
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        String token = handedOut("bootstrap access token", created, "accessToken");
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());
        JsonNode ready = await().atMost(Duration.ofSeconds(60))
                .until(() -> api.getWithBearer("/api/bootstrap/" + id, token).body(),
                view -> "ready".equals(view.path("state").asText()) || "failed".equals(view.path("state").asText()));
        assertThat(ready.path("state").asText()).isEqualTo("ready");
        String key = ready.path("credentials").path("sshPrivateKey").asText();
        assertThat(key).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        return key;
    }

    private void runASessionRequest(ApiClient api) {
        JsonNode created = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        String id = created.path("sessionId").asText();
        String macaroon = handedOut("session macaroon at creation", created, "macaroon");
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());
        JsonNode active = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.getWithBearer("/api/sessions/" + id, macaroon).body(),
                view -> "active".equals(view.path("state").asText()));
        handedOut("session macaroon to its holder", active, "macaroon");
        ApiClient.Response answered = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/sessions/" + id + "/request"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + macaroon)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"request\": \"keep secrets\"}")));
        assertThat(answered.status()).isEqualTo(200);
    }

    /** A job run to completion and its refund claimed with the job's access token. */
    private void claimAJobsRefund(ApiClient api) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about secrets\"}").body();
        String id = created.path("jobId").asText();
        String token = handedOut("job access token", created, "accessToken");
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode awaiting = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + id).body(),
                job -> job.has("workInvoice"));
        api.post("/api/dev/stub/pay/" + awaiting.path("workInvoice").path("paymentHash").asText());
        JsonNode complete = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + id).body(),
                job -> "complete".equals(job.path("state").asText()) && job.path("costLedger").has("refundState"));
        long sats = complete.path("costLedger").path("refundAmountSats").asLong();
        assertThat(sats).isPositive();
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        String invoice = Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, Instant.now(),
                HexFormat.of().formatHex(hash), "cd".repeat(32), "refund", 3600,
                NodeKey.fromPrivateKeyHex("22".repeat(32)));
        ApiClient.Response claimed = api.postJsonWithBearer("/api/jobs/" + id + "/refund", token,
                "{\"invoice\": \"" + invoice + "\"}");
        assertThat(claimed.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/jobs/" + id).body()
                .path("costLedger").path("refundState").asText(), "paid"::equals);
    }
}
