package dev.lnjobs.server.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerProcess;
import dev.lnjobs.server.support.StoreQueries;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server JVMs on one database share the event processors' segments. Jobs are spread over both (each request of
 * a job goes to the other node than the one before); one node is killed with SIGKILL while jobs are in flight. The
 * survivor takes over the dead node's segments once their claims time out, and every job still completes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoNodeTest {

    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    /** Claim timeout, plus the pooled coordinator's 5 s token claim interval, plus slack for a loaded machine. */
    private static final Duration TAKEOVER_BOUND = CLAIM_TIMEOUT.plusSeconds(5).plusSeconds(12);
    private static final Duration START_BOUND = Duration.ofSeconds(150);
    private static final int JOBS_IN_FLIGHT_AT_KILL = 6;

    private final String databaseUrl = TestDatabases.freshDatabase();
    private final List<ServerProcess> nodes = new ArrayList<>();

    @AfterEach
    void killNodes() {
        nodes.forEach(ServerProcess::close);
    }

    @Test
    void jobs_spread_over_two_nodes_all_complete_and_the_survivor_takes_over_the_dead_nodes_segments() {
        List<String> args = List.of("--axon.eventhandling.tokenstore.claim-timeout=" + CLAIM_TIMEOUT.toSeconds() + "s");
        ServerProcess first = new ServerProcess("two-node-a", databaseUrl, ServerProcess.freePort(), args).start();
        nodes.add(first);
        ServerProcess second = new ServerProcess("two-node-b", databaseUrl, ServerProcess.freePort(), args).start();
        nodes.add(second);
        first.awaitHealthy(START_BOUND);
        second.awaitHealthy(START_BOUND);

        // Both nodes serve a whole job, one request each in turn.
        String warmUp = createJob(first.api());
        List<ApiClient> both = List.of(first.api(), second.api());
        driveToComplete(warmUp, both, 1);

        // Every segment of every processor is claimed by one of the two; the victim owns some of them.
        Map<String, String> owners = awaitOwners(owner -> owner != null);
        ServerProcess victim = owners.containsValue(second.axonNodeId()) ? second : first;
        ServerProcess survivor = victim == first ? second : first;
        assertThat(owners).as("segments before the kill").containsValue(victim.axonNodeId());
        System.out.printf("TwoNodeTest: before the kill, %s owns %d and %s owns %d of %d segments%n",
                first.name(), count(owners, first), second.name(), count(owners, second), owners.size());

        // Jobs in flight on both nodes: created on one, evaluation paid on the other.
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS_IN_FLIGHT_AT_KILL; i++) {
            ApiClient creator = both.get(i % 2);
            ApiClient payer = both.get((i + 1) % 2);
            JsonNode created = creator.postJson("/api/jobs", "{\"request\": \"Two nodes, job " + i + "\"}").body();
            jobs.add(created.path("jobId").asText());
            assertThat(payer.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText())
                    .status()).isEqualTo(200);
        }

        victim.kill();
        long killedAt = System.nanoTime();
        Map<String, String> after = awaitOwners(TAKEOVER_BOUND, owner -> survivor.axonNodeId().equals(owner));
        System.out.printf("TwoNodeTest: %s (pid %d) killed; %s took over all %d segments in %d ms%n", victim.name(),
                victim.pid(), survivor.name(), after.size(), (System.nanoTime() - killedAt) / 1_000_000);
        assertThat(after).doesNotContainValue(victim.axonNodeId()).hasSameSizeAs(owners);

        // The remaining requests go to the survivor; every job completes, each invoice recorded paid once.
        for (String jobId : jobs) {
            driveToComplete(jobId, List.of(survivor.api()), 0);
        }
        jobs.add(warmUp);
        for (String jobId : jobs) {
            assertThat(query("SELECT state FROM job_view WHERE job_id = '" + jobId + "'")).containsExactly("COMPLETE");
            assertThat(eventCount(jobId, "EvalInvoicePaid")).isEqualTo(1);
            assertThat(eventCount(jobId, "WorkInvoicePaid")).isEqualTo(1);
            assertThat(eventCount(jobId, "WorkCompleted")).isEqualTo(1);
        }
    }

    private static String createJob(ApiClient api) {
        ApiClient.Response created = api.postJson("/api/jobs", "{\"request\": \"Warm up both nodes\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("jobId").asText();
    }

    /** Each request goes to the next node of the list in turn, starting at {@code next}. */
    private static void driveToComplete(String jobId, List<ApiClient> nodes, int next) {
        int[] turn = {next};
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("job " + jobId + " complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    ApiClient api = nodes.get(turn[0]++ % nodes.size());
                    JsonNode job = api.get("/api/jobs/" + jobId).body();
                    last.set(job);
                    String state = job.path("state").asText();
                    String hash = switch (state) {
                        case "awaiting_eval_payment" -> job.path("evalInvoice").path("paymentHash").asText(null);
                        case "awaiting_work_payment" -> job.path("workInvoice").path("paymentHash").asText(null);
                        default -> null;
                    };
                    if (hash != null) {
                        nodes.get(turn[0]++ % nodes.size()).post("/api/dev/stub/pay/" + hash);
                    }
                    assertThat(state).as("job %s: %s", jobId, job).isNotIn("rejected", "failed", "expired");
                    return "complete".equals(state);
                });
    }

    private Map<String, String> awaitOwners(java.util.function.Predicate<String> allOwners) {
        return awaitOwners(Duration.ofSeconds(30), allOwners);
    }

    /** token_entry as processor/segment → owner, once every row's owner passes the test. */
    private Map<String, String> awaitOwners(Duration bound, java.util.function.Predicate<String> allOwners) {
        return await("token owners").atMost(bound).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, String> owners = new TreeMap<>();
            try (Connection connection = DriverManager.getConnection(databaseUrl);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT processor_name, segment, owner FROM token_entry")) {
                while (rows.next()) {
                    owners.put(rows.getString(1) + "/" + rows.getInt(2), rows.getString(3));
                }
            }
            return owners;
        }, owners -> !owners.isEmpty() && owners.values().stream().allMatch(allOwners));
    }

    private static long count(Map<String, String> owners, ServerProcess node) {
        return owners.values().stream().filter(node.axonNodeId()::equals).count();
    }

    private int eventCount(String jobId, String type) {
        return Integer.parseInt(query("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                + jobId + "' AND payload_type LIKE '%$" + type + "'").get(0));
    }

    private List<String> query(String sql) {
        return StoreQueries.values(databaseUrl, sql);
    }
}
