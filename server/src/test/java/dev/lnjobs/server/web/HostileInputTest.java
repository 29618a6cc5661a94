package dev.lnjobs.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.CraftedInvoices;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated bad requests against every endpoint: none may answer 5xx, and afterwards every job's
 * read model must still agree with its events. Among them, refund invoices at the edges of BOLT 11 (an expiry of
 * 2^59 s, the last encodable timestamp, the largest amount) for a job that really owes a refund: none is accepted.
 * Likewise hostile withdrawals (those invoices, garbage, malformed Lightning Addresses, both or neither) of a session
 * whose paid balance really is withdrawable, with its own macaroon: none is accepted, its balance stays whole.
 */
class HostileInputTest extends ServerTest {

    private static final long SEED = 20261125L;
    private static final int REQUESTS = 2500;
    private static final String[] IDS = {"", "x", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a", "..%2F..%2Fetc%2Fpasswd", "%00", "%F0%9F%92%A9", "a".repeat(300),
            "'%20OR%201=1--", "6F1C2B8E-0D3A-4C1E-9A57-2F0E5D8C7B11"};
    private static final String[] HASHES = {"", "zz", "a".repeat(63), "g".repeat(64), "A".repeat(64), "e".repeat(64),
            "%00" + "a".repeat(61), "a".repeat(65)};
    private static final String[] STRINGS = {"", " ", "\\u0000", "\\ud800", "\\udfff\\ud800", "\u202e\u202d", "\u200b",
            "💩".repeat(50), "null", "<script>alert(1)</script>", "Robert'); DROP TABLE job_view;--", "\\\\",
            "lnbc1", "lnbcrt1garbage", "LNBC" + "Q".repeat(200), "lightning:", "🚀".repeat(3000)};

    private static final NodeKey WALLET = NodeKey.fromPrivateKeyHex("33".repeat(32));
    private static final String[] EXTREME_INVOICES = {
            extreme(3000L, Instant.now(), 1L << 59),
            extreme(3000L, Instant.ofEpochSecond((1L << 35) - 1), 3600),
            extreme(3000L, Instant.ofEpochSecond((1L << 35) - 1), (1L << 59)),
            extreme(3000L, Instant.EPOCH, 3600),
            extreme(3000L, Instant.EPOCH, (1L << 35)),
            extreme(Long.MAX_VALUE - 7, Instant.now(), 3600),
            extreme(3000L, Instant.now(), 1),
            // refund invoices a payer could never be paid through safely: an absurd final CLTV, a flood of hints
            CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000L, Instant.now(), "5b".repeat(32),
                    CraftedInvoices.expiryWords(3600), 1_000_000L, 0, WALLET),
            CraftedInvoices.invoice(BitcoinNetwork.REGTEST, 3000L, Instant.now(), "5c".repeat(32),
                    CraftedInvoices.expiryWords(3600), 40L, 50, WALLET)};

    @Autowired
    private JdbcTemplate jdbc;
    private String refundableJob;
    /** Its access token: without it a refund claim is a 401 and never reaches the invoice checks. */
    private String refundableToken;
    /** A paid, active session and its macaroon: hostile withdrawals of it reach the invoice checks. */
    private String withdrawableSession;
    private String withdrawableToken;
    private static final String[] BAD_ADDRESSES = {"", "@", "a@", "@example.com", "a@@example.com",
            "a b@example.com", "\\u0000@example.com", "no-at-sign", "💩@💩"};

    private static String extreme(long msat, Instant timestamp, long expirySeconds) {
        return Bolt11.encode(BitcoinNetwork.REGTEST, msat, timestamp, "5a".repeat(32), "cd".repeat(32), "x",
                expirySeconds, WALLET);
    }

    /** A completed job that owes its 3-sat refund, so hostile refund invoices reach the invoice checks. */
    private String refundableJob(ApiClient api) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"a refundable haiku\"}").body();
        String jobId = created.path("jobId").asText();
        refundableToken = created.path("accessToken").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        String workHash = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api
                .get("/api/jobs/" + jobId).body().path("workInvoice").path("paymentHash").asText(""),
                hash -> !hash.isEmpty());
        api.post("/api/dev/stub/pay/" + workHash);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/jobs/" + jobId)
                .body().path("costLedger").path("refundState").asText(), "pending"::equals);
        return jobId;
    }

    /** A session whose 500-sat deposit is paid: 495 sats are withdrawable (with a 5-sat fee reserve). */
    private void withdrawableSession(ApiClient api) {
        JsonNode created = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        withdrawableSession = created.path("sessionId").asText();
        withdrawableToken = created.path("accessToken").asText();
        api.post("/api/dev/stub/pay/" + created.path("invoice").path("paymentHash").asText());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.getWithBearer(
                "/api/sessions/" + withdrawableSession, withdrawableToken).body().path("state").asText(),
                "active"::equals);
    }

    @Test
    void generated_bad_requests_never_get_a_server_error_and_leave_the_state_consistent() {
        ApiClient api = api();
        refundableJob = refundableJob(api);
        withdrawableSession(api);
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest.Builder request = hostile(random);
            String described = request.build().method() + " " + request.build().uri();
            ApiClient.Response response = api.send(request);
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() >= 500) {
                serverErrors.add(described + " -> " + response.status() + " " + response.raw().body());
            }
        }
        System.out.println("HostileInputTest seed " + SEED + " statuses " + statuses);
        assertThat(serverErrors).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status >= 200 && status < 500);
        // jobs the valid-looking bodies created are still moving: wait until the views have caught up
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(this::assertEveryJobViewMatchesItsEvents);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM session_view WHERE balance_sats < 0", Integer.class))
                .isZero();
        JsonNode ledger = api.get("/api/jobs/" + refundableJob).body().path("costLedger");
        assertThat(ledger.path("refundState").asText()).isEqualTo("pending");
        assertThat(ledger.path("refundPaymentHash").isMissingNode() || ledger.path("refundPaymentHash").isNull())
                .as("no hostile refund invoice was accepted").isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "payload_type LIKE '%$WithdrawalRequested'", Integer.class, withdrawableSession))
                .as("hostile withdrawals accepted").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stub_invoice WHERE direction = 'out' AND payment_hash "
                + "IN (?, ?, ?)", Integer.class, "5a".repeat(32), "5b".repeat(32), "5c".repeat(32)))
                .as("hostile invoices paid").isZero();
        assertThat(jdbc.queryForObject("SELECT state || ' ' || balance_sats FROM session_view WHERE session_id = ?",
                String.class, withdrawableSession)).isEqualTo("ACTIVE 500");
    }

    private HttpRequest.Builder hostile(Random random) {
        String base = "http://localhost:" + port;
        String id = IDS[random.nextInt(IDS.length)];
        String hash = HASHES[random.nextInt(HASHES.length)];
        return switch (random.nextInt(18)) {
            case 0 -> json(base + "/api/jobs", body(random));
            case 1 -> HttpRequest.newBuilder(uri(base + "/api/jobs/" + id)).GET();
            case 2 -> json(base + "/api/jobs/" + id + "/refund", body(random))
                    .header("Authorization", "Bearer " + token(random));
            case 3 -> HttpRequest.newBuilder(uri(base + "/api/dev/stub/pay/" + hash))
                    .POST(HttpRequest.BodyPublishers.ofString(body(random)));
            case 4 -> json(base + "/api/lightning/webhook", random.nextBoolean() ? body(random)
                    : "{\"payment_hash\": \"" + hash + "\"}");
            case 5 -> json(base + "/api/sessions", random.nextBoolean() ? body(random)
                    : "{\"amount_sats\": " + numberish(random) + "}");
            case 6 -> HttpRequest.newBuilder(uri(base + "/api/sessions/" + id))
                    .header("Authorization", "Bearer " + token(random)).GET();
            case 7 -> json(base + "/api/sessions/" + id + "/request", body(random))
                    .header("Authorization", "Bearer " + token(random));
            case 8 -> json(base + "/api/sessions/" + id + "/topup", "{\"amount_sats\": " + numberish(random) + "}")
                    .header("Authorization", "Bearer " + token(random));
            case 9 -> HttpRequest.newBuilder(uri(base + "/api/bootstrap")).POST(HttpRequest.BodyPublishers.ofString(
                    body(random))).header("Content-Type", random.nextBoolean() ? "application/json" : "text/xml");
            case 10 -> HttpRequest.newBuilder(uri(base + "/api/bootstrap/" + id))
                    .header("Authorization", "Bearer " + token(random)).GET();
            // only requests refused before the per-IP demo limiter, which other tests of this context rely on
            case 11 -> HttpRequest.newBuilder(uri(base + "/api/demo" + new String[]{"", "?request=", "?request=%00",
                    "?request=%20%20", "?other=1"}[random.nextInt(5)])).GET();
            case 13 -> json(base + "/api/jobs/" + refundableJob + "/refund", "{\"invoice\": \""
                    + EXTREME_INVOICES[random.nextInt(EXTREME_INVOICES.length)] + "\"}")
                    .header("Authorization", "Bearer " + refundableToken);
            case 12 -> HttpRequest.newBuilder(uri(base + "/api/admin/audit/pricing"))
                    .header("Authorization", "Bearer " + token(random)).GET();
            case 14 -> json(base + "/api/sessions/" + id + "/withdraw", body(random))
                    .header("Authorization", "Bearer " + token(random));
            case 15 -> json(base + "/api/sessions/" + withdrawableSession + "/withdraw", withdrawal(random))
                    .header("Authorization", "Bearer " + (random.nextInt(4) == 0 ? token(random) : withdrawableToken));
            case 16 -> HttpRequest.newBuilder(uri(base + "/api/sessions/" + (random.nextBoolean() ? id
                    : withdrawableSession) + "/withdrawal")).header("Authorization", "Bearer " + token(random)).GET();
            default -> HttpRequest.newBuilder(uri(base + "/api/jobs")).method(
                    new String[]{"PUT", "DELETE", "PATCH", "OPTIONS"}[random.nextInt(4)],
                    HttpRequest.BodyPublishers.ofString(body(random)));
        };
    }

    /** A withdrawal body no check should let through: bad invoices, bad addresses, both, neither, garbage. */
    private static String withdrawal(Random random) {
        String invoice = EXTREME_INVOICES[random.nextInt(EXTREME_INVOICES.length)];
        String address = BAD_ADDRESSES[random.nextInt(BAD_ADDRESSES.length)];
        return switch (random.nextInt(6)) {
            case 0 -> "{\"invoice\": \"" + invoice + "\"}";
            case 1 -> "{\"lightningAddress\": \"" + address + "\"}";
            case 2 -> "{\"invoice\": \"" + invoice + "\", \"lightningAddress\": \"" + address + "\"}";
            case 3 -> "{}";
            case 4 -> "{\"invoice\": " + numberish(random) + "}";
            default -> body(random);
        };
    }

    private static URI uri(String text) {
        return URI.create(text);
    }

    private static HttpRequest.Builder json(String url, String body) {
        return HttpRequest.newBuilder(uri(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String numberish(Random random) {
        return new String[]{"-1", "0", "99", "10001", "1e309", "9223372036854775808", "\"500\"", "null", "[]", "{}",
                "0.5", "NaN", "500"}[random.nextInt(13)];
    }

    private static String token(Random random) {
        return new String[]{"", "garbage", "AgEGbG5qb2Jz", "Bearer x", "a".repeat(5000), "%%%", "AA==",
                "AgEHbG5qb2JzAhBhYmNkZWZnaGlqa2xtbm9wAAAGIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}
                [random.nextInt(8)];
    }

    private static String body(Random random) {
        String text = STRINGS[random.nextInt(STRINGS.length)];
        return switch (random.nextInt(12)) {
            case 0 -> "{\"request\": \"" + text + "\"}";
            case 1 -> "{\"request\": " + numberish(random) + "}";
            case 2 -> "[".repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 4 -> "{\"request\": \"" + "x".repeat(70_000) + "\"}";
            case 5 -> "{\"request\": \"ok\", \"request\": " + numberish(random) + "}";
            case 6 -> "{\"invoice\": \"" + text + "\"}";
            case 7 -> "\u0000\u0001\u0002garbage";
            case 8 -> "{\"request\": \"unterminated";
            case 9 -> "";
            case 10 -> "{\"amount_sats\": " + numberish(random) + ", \"request\": \"" + text + "\"}";
            default -> "{\"payment_hash\": \"" + text + "\", \"paid\": true}";
        };
    }

    /** The state each job's events lead to, by the seed's state machine, must be the state its view shows. */
    private void assertEveryJobViewMatchesItsEvents() {
        Map<String, String> derived = new TreeMap<>();
        jdbc.query("SELECT aggregate_identifier, payload_type FROM domain_event_entry WHERE payload_type LIKE "
                + "'dev.lnjobs.api.job.JobEvents$%' ORDER BY global_index", row -> {
            String type = row.getString(2).substring(row.getString(2).indexOf('$') + 1);
            String next = switch (type) {
                case "JobCreated" -> "AWAITING_EVAL_PAYMENT";
                case "EvalInvoicePaid" -> "EVALUATING";
                case "JobAccepted" -> "AWAITING_WORK_PAYMENT";
                case "JobRejected" -> "REJECTED";
                case "WorkInvoicePaid" -> "EXECUTING";
                case "WorkCompleted" -> "COMPLETE";
                case "JobFailed" -> "FAILED";
                case "JobExpired" -> "EXPIRED";
                default -> null;
            };
            if (next != null) {
                derived.put(row.getString(1), next);
            }
        });
        Map<String, String> views = new TreeMap<>();
        jdbc.query("SELECT job_id, state FROM job_view", row -> {
            views.put(row.getString(1), row.getString(2));
        });
        assertThat(views).isEqualTo(derived);
    }
}
