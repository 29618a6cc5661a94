package dev.lnjobs.server.database;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server that owns its embedded PostgreSQL (no DATABASE_URL) is killed with SIGKILL five times, each time with
 * a job in flight. Its postmaster outlives it every time; each restart must come up at the first try on the same
 * data directory, having stopped the postmaster left behind, and every job must go on to complete.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class EmbeddedPostgresCrashTest {

    private static final int KILLS = 5;
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final Duration STEP_BOUND = Duration.ofSeconds(60);

    private final Path dataDir = Path.of("target", "embedded-crash", UUID.randomUUID().toString()).toAbsolutePath();
    private ServerProcess server;

    @AfterEach
    void stopEverything() throws IOException {
        if (server != null) {
            server.stop(); // graceful: its own PostgreSQL stops with it
        }
        Optional<ProcessHandle> left = LeftoverPostmaster.runningOn(dataDir);
        left.ifPresent(ProcessHandle::destroy);
        left.ifPresent(postmaster -> postmaster.onExit().join());
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void a_server_killed_with_its_embedded_database_restarts_at_the_first_try_and_its_jobs_complete() {
        server = new ServerProcess("embedded-crash", "", ServerProcess.freePort(),
                List.of("--lnjobs.database.embedded-data-dir=" + dataDir)).start().awaitHealthy(START_BOUND);
        ApiClient api = server.api();
        List<String> jobs = new ArrayList<>();

        for (int kill = 1; kill <= KILLS; kill++) {
            JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Embedded crash " + kill + "\"}").body();
            String jobId = created.path("jobId").asText();
            jobs.add(jobId);
            // in flight: the evaluation is paid, and the server dies before (or while) the work invoice is issued
            assertThat(api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText())
                    .body().path("outcome").asText()).isEqualTo("CONFIRMED");
            long postmaster = postmasterPid();

            server.kill();
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive))
                    .as("the postmaster outlives the killed server").isPresent();

            server.start().awaitHealthy(START_BOUND); // fails at once if this start exits
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive))
                    .as("the postmaster left behind was stopped").isEmpty();
            assertThat(postmasterPid()).isNotEqualTo(postmaster);
            for (String job : jobs) {
                complete(api, job);
            }
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).as("the same data directory throughout").isTrue();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode job = api.get("/api/jobs/" + jobs.get(i)).body();
            assertThat(job.path("state").asText()).isEqualTo("complete");
            assertThat(job.path("result").asText()).isEqualTo("Stub result for: Embedded crash " + (i + 1));
        }
    }

    /** Pays whatever the job waits for until it is complete. */
    private static void complete(ApiClient api, String jobId) {
        await("job " + jobId).atMost(STEP_BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode job = api.get("/api/jobs/" + jobId).body();
            String state = job.path("state").asText();
            if (state.equals("awaiting_work_payment") && job.has("workInvoice")) {
                api.post("/api/dev/stub/pay/" + job.path("workInvoice").path("paymentHash").asText());
            }
            return state.equals("complete");
        });
    }

    private long postmasterPid() {
        return LeftoverPostmaster.runningOn(dataDir).map(ProcessHandle::pid)
                .orElseThrow(() -> new AssertionError("no postmaster runs on " + dataDir));
    }
}
