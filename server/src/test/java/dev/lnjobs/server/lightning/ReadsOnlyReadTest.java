package dev.lnjobs.server.lightning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A status read only reads: whatever the state, it neither asks the Lightning node nor sends a command. The node
 * and the command gateway are spied on, and every call is recorded with the thread it came from: the payment
 * watcher (db-scheduler's threads) keeps checking the unpaid invoices in the background, as it should, and is the
 * only one allowed to. The stub pay is the push that moves a polling client's job along.
 */
class ReadsOnlyReadTest extends ServerTest {

    private static final String WATCHER_THREADS = "db-scheduler";

    @MockitoSpyBean
    LightningNode node;

    @MockitoSpyBean
    CommandGateway commands;

    private final List<String> nodeChecks = new CopyOnWriteArrayList<>();
    private final List<String> commandsSent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void record() {
        doAnswer(call -> {
            nodeChecks.add(Thread.currentThread().getName() + " " + call.getArgument(0));
            return call.callRealMethod();
        }).when(node).checkPayment(any());
        doAnswer(call -> {
            commandsSent.add(Thread.currentThread().getName() + " " + call.getArgument(0).getClass().getSimpleName());
            return call.callRealMethod();
        }).when(commands).sendAndWait(any());
        doAnswer(call -> {
            commandsSent.add(Thread.currentThread().getName() + " " + call.getArgument(0).getClass().getSimpleName());
            return call.callRealMethod();
        }).when(commands).send(any());
    }

    /** The calls not made by the payment watcher. */
    private static List<String> notByTheWatcher(List<String> calls) {
        return calls.stream().filter(call -> !call.startsWith(WATCHER_THREADS)).toList();
    }

    @Test
    void reads_of_unpaid_jobs_sessions_and_bootstraps_call_no_node_and_send_no_command() {
        ApiClient api = api();
        JsonNode job = api.postJson("/api/jobs", "{\"request\": \"Name a prime\"}").body();
        JsonNode session = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        JsonNode bootstrap = api.post("/api/bootstrap").body();
        String jobPath = "/api/jobs/" + job.path("jobId").asText();
        assertThat(session.path("invoice").path("paymentHash").asText()).hasSize(64); // answered once invoiced
        assertThat(bootstrap.path("invoice").path("paymentHash").asText()).hasSize(64);
        nodeChecks.clear();
        commandsSent.clear();

        String etag = null;
        for (int i = 0; i < 20; i++) {
            ApiClient.Response read = api.get(jobPath);
            assertThat(read.body().path("state").asText()).isEqualTo("awaiting_eval_payment");
            etag = read.header("ETag");
            assertThat(api.get("/api/sessions/" + session.path("sessionId").asText()).body().path("state").asText())
                    .isEqualTo("awaiting_payment");
            assertThat(api.get("/api/bootstrap/" + bootstrap.path("bootstrapJobId").asText()).body()
                    .path("state").asText()).isEqualTo("awaiting_payment");
        }
        assertThat(get(api, jobPath, etag, null).status()).isEqualTo(304);
        ApiClient.Response held = get(api, jobPath, etag, "wait=2"); // a long poll across two ticks of JobReads
        assertThat(held.status()).isEqualTo(304);

        assertThat(notByTheWatcher(nodeChecks)).isEmpty();
        assertThat(commandsSent).isEmpty();
    }

    @Test
    void a_polling_client_sees_its_job_move_after_each_stub_pay_and_no_read_asks_the_node() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Write a haiku about polling\"}").body();
        String jobPath = "/api/jobs/" + created.path("jobId").asText();
        String evalHash = created.path("evalInvoice").path("paymentHash").asText();
        nodeChecks.clear();
        List<String> statesSeen = new ArrayList<>();

        assertThat(api.post("/api/dev/stub/pay/" + evalHash).body().path("outcome").asText())
                .isEqualTo("CONFIRMED");
        JsonNode awaitingWork = pollUntil(api, jobPath, "awaiting_work_payment", statesSeen);
        String workHash = awaitingWork.path("workInvoice").path("paymentHash").asText();
        assertThat(api.post("/api/dev/stub/pay/" + workHash).body().path("outcome").asText())
                .isIn("CONFIRMED", "ALREADY_PAID");
        JsonNode complete = pollUntil(api, jobPath, "complete", statesSeen);

        assertThat(statesSeen).contains("awaiting_work_payment", "complete").doesNotContain("failed");
        assertThat(complete.path("costLedger").path("actualAmountSats").isNumber()).isTrue();
        // the stub pay asked the node once per invoice; the watcher may have too; no read did
        assertThat(notByTheWatcher(nodeChecks)).hasSize(2)
                .allSatisfy(call -> assertThat(call).startsWith("http-nio"))
                .anySatisfy(call -> assertThat(call).endsWith(evalHash))
                .anySatisfy(call -> assertThat(call).endsWith(workHash));
    }

    private static JsonNode pollUntil(ApiClient api, String jobPath, String state, List<String> statesSeen) {
        return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode job = api.get(jobPath).body();
                    statesSeen.add(job.path("state").asText());
                    return job;
                }, job -> job.path("state").asText().equals(state)
                        && (!state.equals("awaiting_work_payment") || job.path("workInvoice").has("paymentHash")));
    }

    private static ApiClient.Response get(ApiClient api, String path, String ifNoneMatch, String prefer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return api.send(request);
    }
}
