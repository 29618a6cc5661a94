package dev.lnjobs.server.axon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A handler that fails is retried by its processor until it succeeds, and counted: the event is never logged and
 * skipped. The cost ledger's writes are refused by a trigger while a job completes; once the trigger is gone, the
 * ledger catches up on the very events it failed on.
 */
class HandlerFailureRetryTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @LocalManagementPort
    private int managementPort;

    @Test
    void a_failing_projection_is_retried_until_it_takes_the_events_in() {
        double failuresBefore = failures();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_ledger_write() RETURNS trigger AS $$ BEGIN "
                + "RAISE EXCEPTION 'ledger writes refused by the test'; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_ledger_write BEFORE INSERT OR UPDATE ON job_cost_ledger "
                + "FOR EACH ROW EXECUTE FUNCTION refuse_ledger_write()");
        String jobId;
        try {
            jobId = completeJob(api(), "Write a haiku about retries");
            await("failures counted").atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore);
            assertThat(ledgerRows(jobId)).isZero();
            // the operator sees it: the failing segment is listed while its processor retries it
            await("segment error in health").atMost(Duration.ofSeconds(30)).until(() -> !ledgerSegmentErrors()
                    .isEmpty());
        } finally {
            jdbc.execute("DROP TRIGGER refuse_ledger_write ON job_cost_ledger");
        }
        await("ledger caught up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.queryForList("SELECT actual_amount_sats FROM job_cost_ledger WHERE job_id = ?",
                        Long.class, jobId).stream().anyMatch(amount -> amount != null && amount > 0));
        JsonNode job = api().get("/api/jobs/" + jobId).body();
        assertThat(job.path("costLedger").path("actualAmountSats").asLong()).isPositive();
    }

    private double failures() {
        Counter counter = meters.find(RetryingErrorHandler.METER).tag("processingGroup", "cost-ledger").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode ledgerSegmentErrors() {
        JsonNode health = new ApiClient("http://127.0.0.1:" + managementPort).get("/actuator/health").body();
        JsonNode errors = health.path("components").path("eventProcessors").path("details").path("cost-ledger")
                .path("segmentErrors");
        return errors.isArray() ? errors : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private int ledgerRows(String jobId) {
        return jdbc.queryForObject("SELECT count(*) FROM job_cost_ledger WHERE job_id = ?", Integer.class, jobId);
    }

    private static String completeJob(ApiClient api, String request) {
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"" + request + "\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        JsonNode quoted = awaitState(api, jobId, "awaiting_work_payment");
        api.post("/api/dev/stub/pay/" + quoted.path("workInvoice").path("paymentHash").asText());
        awaitState(api, jobId, "complete");
        return jobId;
    }

    private static JsonNode awaitState(ApiClient api, String jobId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/jobs/" + jobId).body(),
                        job -> job.path("state").asText().equals(state)
                                && (!state.equals("awaiting_work_payment") || job.has("workInvoice")));
    }
}
