package dev.lnjobs.server.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.NodeKey;
import dev.lnjobs.server.cli.RebuildProjectionsCommand;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every read model is a function of the event store: over real jobs (one refunded, one rejected), a session with a
 * request and a provisioned bootstrap, a rebuild through the admin route leaves every read-model table exactly as
 * it was, row for row, and the streaming projections go on from there without taking any event in twice.
 */
class ProjectionRebuildTest extends ServerTest {

    private static final NodeKey CLIENT_WALLET = NodeKey.fromPrivateKeyHex("44".repeat(32));
    private static final Duration STEP = Duration.ofSeconds(30);
    /** The access token each job answered at creation: its refund claim needs it. */
    private static final Map<String, String> ACCESS_TOKENS = new ConcurrentHashMap<>();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    @Value("${lnjobs.database.url}")
    private String databaseUrl;

    @Test
    void a_rebuild_from_the_event_store_yields_every_read_model_row_for_row() {
        ApiClient api = api();
        String refunded = completedJob(api, "Write a haiku about rebuilt projections");
        completedJob(api, "x".repeat(250));
        String rejected = createdJob(api, "Please reject this rebuild job");
        pay(api, api.get("/api/jobs/" + rejected).body().path("evalInvoice").path("paymentHash").asText());
        claimRefund(api, refunded);
        String session = sessionWithOneRequest(api);
        String bootstrap = provisionedBootstrap(api);
        await("settled").atMost(STEP).until(() -> api.get("/api/jobs/" + rejected).body().path("state").asText(),
                "rejected"::equals);
        Map<String, List<Map<String, Object>>> before = settledReadModels();
        assertThat(before.get("job_view")).extracting(row -> row.get("job_id"))
                .contains("String " + refunded, "String " + rejected);
        assertThat(before.get("session_view")).extracting(row -> row.get("session_id")).contains("String " + session);
        assertThat(before.get("session_requests")).isNotEmpty();
        assertThat(before.get("bootstrap_view")).extracting(row -> row.get("bootstrap_id"))
                .contains("String " + bootstrap);
        assertThat(before.get("job_cost_ledger")).anySatisfy(row ->
                assertThat(row).containsEntry("job_id", "String " + refunded)
                        .containsEntry("refund_state", "String PAID"));

        ApiClient.Response response = api.send(HttpRequest.newBuilder(
                URI.create(api.base() + "/api/admin/projections/rebuild"))
                .header("Authorization", "Bearer test-admin-token").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("eventsReplayed").asLong()).isEqualTo(
                jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
        assertThat(response.body().path("rowsByTable").path("job_view").asInt()).isEqualTo(
                before.get("job_view").size());
        Map<String, List<Map<String, Object>>> after = readModels();
        ProjectionRebuild.READ_MODEL_TABLES.forEach(table ->
                assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table)));
        // the streaming projections start again after the last event replayed: nothing is taken in twice
        await("projections caught up").atMost(STEP).until(this::streamingProjectionsCaughtUp);
        assertThat(readModels()).isEqualTo(before);
        assertThat(api.get("/api/sessions/" + session).body().path("state").asText()).isEqualTo("active");
    }

    @Test
    void the_command_line_rebuild_refuses_while_a_server_runs_on_the_database() {
        completedJob(api(), "A job so that the processors hold claims");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = RebuildProjectionsCommand.run(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), "rebuild-projections",
                "--lnjobs.database.url=" + databaseUrl);

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(RebuildProjectionsCommand.SERVER_RUNNING);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a server is running", "POST /api/admin/projections");
    }

    private boolean streamingProjectionsCaughtUp() {
        return List.of("sessions", "bootstrap-view").stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow())
                .allMatch(processor -> processor.isRunning() && !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }

    /** The read models once two reads half a second apart agree (the streaming projections are asynchronous). */
    private Map<String, List<Map<String, Object>>> settledReadModels() {
        AtomicReference<Map<String, List<Map<String, Object>>>> last = new AtomicReference<>(readModels());
        await("read models settled").atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, List<Map<String, Object>>> now = readModels();
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    /** Every row of every read-model table, each value as its type and its exact text (a timestamp to the µs). */
    private Map<String, List<Map<String, Object>>> readModels() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : ProjectionRebuild.READ_MODEL_TABLES) {
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1").stream()
                    .map(ProjectionRebuildTest::exact).toList());
        }
        return tables;
    }

    /** The payment watcher's own schedule in issued_invoice: not projected from events, so a rebuild restarts it. */
    private static final java.util.Set<String> WATCHER_COLUMNS = java.util.Set.of("next_check_at", "check_delay_ms");

    private static Map<String, Object> exact(Map<String, Object> row) {
        Map<String, Object> exact = new TreeMap<>();
        row.forEach((column, value) -> {
            if (!WATCHER_COLUMNS.contains(column)) {
                exact.put(column, value == null ? "null" : value.getClass().getSimpleName()
                        + " " + (value instanceof Timestamp timestamp ? timestamp.toInstant() : value));
            }
        });
        return exact;
    }

    private static String createdJob(ApiClient api, String request) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
        ACCESS_TOKENS.put(created.path("jobId").asText(), created.path("accessToken").asText());
        return created.path("jobId").asText();
    }

    private static String completedJob(ApiClient api, String request) {
        String jobId = createdJob(api, request);
        await("job " + jobId).atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode job = api.get("/api/jobs/" + jobId).body();
            switch (job.path("state").asText()) {
                case "awaiting_eval_payment" -> pay(api, job.path("evalInvoice").path("paymentHash").asText());
                case "awaiting_work_payment" -> pay(api, job.path("workInvoice").path("paymentHash").asText(null));
                default -> {
                }
            }
            return job.path("state").asText().equals("complete");
        });
        return jobId;
    }

    private static void pay(ApiClient api, String paymentHash) {
        if (paymentHash != null) {
            api.post("/api/dev/stub/pay/" + paymentHash);
        }
    }

    private static void claimRefund(ApiClient api, String jobId) {
        long sats = await().atMost(STEP).until(() -> api.get("/api/jobs/" + jobId).body().path("costLedger"),
                ledger -> ledger.hasNonNull("refundState")).path("refundAmountSats").asLong();
        byte[] hash = new byte[32];
        new Random(7).nextBytes(hash);
        String invoice = Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, Instant.now(),
                HexFormat.of().formatHex(hash), "cd".repeat(32), "refund", 3600, CLIENT_WALLET);
        assertThat(api.postJsonWithBearer("/api/jobs/" + jobId + "/refund", ACCESS_TOKENS.get(jobId),
                "{\"invoice\": \"" + invoice + "\"}").status()).isEqualTo(202);
        await("refund paid").atMost(STEP).until(() -> api.get("/api/jobs/" + jobId).body().path("costLedger")
                .path("refundState").asText(), "paid"::equals);
    }

    private static String sessionWithOneRequest(ApiClient api) {
        JsonNode created = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        String sessionId = created.path("sessionId").asText();
        String hash = created.path("invoice").path("paymentHash").asText();
        String macaroon = created.path("macaroon").asText(); // answered once, at creation
        await("session active").atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> {
            pay(api, hash);
            return api.get("/api/sessions/" + sessionId).body();
        }, session -> session.path("state").asText().equals("active"));
        ApiClient.Response answered = api.send(HttpRequest.newBuilder(
                URI.create(api.base() + "/api/sessions/" + sessionId + "/request"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + macaroon)
                .POST(HttpRequest.BodyPublishers.ofString("{\"request\": \"What is a read model?\"}")));
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        assertThat(answered.body().path("state").asText()).isEqualTo("complete");
        return sessionId;
    }

    private static String provisionedBootstrap(ApiClient api) {
        JsonNode created = api.post("/api/bootstrap").body();
        String id = created.path("bootstrapJobId").asText();
        String hash = created.path("invoice").path("paymentHash").asText();
        await("bootstrap ready").atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> {
            pay(api, hash);
            return api.get("/api/bootstrap/" + id).body().path("state").asText();
        }, "ready"::equals);
        return id;
    }
}
