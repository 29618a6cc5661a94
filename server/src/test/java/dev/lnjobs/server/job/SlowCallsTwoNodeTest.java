package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerProcess;
import dev.lnjobs.server.support.StoreQueries;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes, a claim timeout of 2 s and a stub model that takes 7 s a call: without claim extension the idle node
 * takes the busy node's segment while the call runs and makes the same call again (a second Anthropic bill, a second
 * work invoice). Each outside effect is counted where it happens, at the stubs (shared tables): every model call and
 * every invoice exactly once per step.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SlowCallsTwoNodeTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MODEL_CALL = Duration.ofSeconds(7);
    private static final Duration START_BOUND = Duration.ofSeconds(150);
    private static final int JOBS = 4;

    private final String databaseUrl = TestDatabases.freshDatabase();
    private final List<ServerProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ServerProcess::close);
    }

    @Test
    void a_model_call_longer_than_the_claim_timeout_happens_once_per_step() {
        List<String> args = List.of("--axon.eventhandling.tokenstore.claim-timeout=" + CLAIM_TIMEOUT.toMillis() + "ms",
                "--lnjobs.ai.stub-delay=" + MODEL_CALL.toMillis() + "ms", "--lnjobs.ai.stub-record-calls=true");
        ServerProcess first = new ServerProcess("slow-a", databaseUrl, ServerProcess.freePort(), args).start();
        nodes.add(first);
        ServerProcess second = new ServerProcess("slow-b", databaseUrl, ServerProcess.freePort(), args).start();
        nodes.add(second);
        first.awaitHealthy(START_BOUND);
        second.awaitHealthy(START_BOUND);
        List<ApiClient> both = List.of(first.api(), second.api());

        Map<String, String> requests = new TreeMap<>();
        for (int i = 0; i < JOBS; i++) {
            String request = "Slow call, job " + i;
            JsonNode created = both.get(i % 2).postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
            requests.put(created.path("jobId").asText(), request);
        }
        requests.keySet().forEach(jobId -> driveToComplete(jobId, both));

        for (String request : requests.values()) {
            assertThat(calls(request)).as("model calls for %s", request)
                    .containsExactlyInAnyOrder("evaluate", "work");
        }
        assertThat(query("SELECT count(*) FROM stub_model_call")).containsExactly(String.valueOf(2 * JOBS));
        // the work invoice is made in the same handler as the slow evaluation: a stolen claim would make it twice
        assertThat(query("SELECT count(*) FROM stub_invoice WHERE direction = 'in'"))
                .as("invoices made at the node").containsExactly(String.valueOf(2 * JOBS));
    }

    /** Pays each invoice once, through the other node than the one that read it. */
    private static void driveToComplete(String jobId, List<ApiClient> nodes) {
        int[] turn = {0};
        List<String> paid = new ArrayList<>();
        await("job " + jobId + " complete").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode job = nodes.get(turn[0]++ % 2).get("/api/jobs/" + jobId).body();
                    String state = job.path("state").asText();
                    String hash = switch (state) {
                        case "awaiting_eval_payment" -> job.path("evalInvoice").path("paymentHash").asText(null);
                        case "awaiting_work_payment" -> job.path("workInvoice").path("paymentHash").asText(null);
                        default -> null;
                    };
                    if (hash != null && !paid.contains(hash)) {
                        assertThat(nodes.get(turn[0]++ % 2).post("/api/dev/stub/pay/" + hash).status())
                                .isEqualTo(200);
                        paid.add(hash);
                    }
                    assertThat(state).as("job %s: %s", jobId, job).isNotIn("rejected", "failed", "expired");
                    return "complete".equals(state);
                });
    }

    private List<String> calls(String request) {
        return query("SELECT kind FROM stub_model_call WHERE request = '" + request + "'");
    }

    private List<String> query(String sql) {
        return StoreQueries.values(databaseUrl, sql);
    }
}
