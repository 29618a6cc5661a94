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
 * A handler of a pooled processor that fails is retried by its processor until it succeeds, and counted: the event
 * is never logged and skipped. A session's view row (the pooled {@code sessions} projection) is held aside while its
 * deposit is paid, so the projection fails on the payment; once the row is back, the view catches up on the very
 * events it failed on and the session shows active.
 */
class HandlerFailureRetryTest extends ServerTest {

    private static final String GROUP = "sessions";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @LocalManagementPort
    private int managementPort;

    @Test
    void a_failing_projection_is_retried_until_it_takes_the_events_in() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/sessions", "{\"amount_sats\": 500}").body();
        String sessionId = created.path("sessionId").asText();
        String hash = created.path("invoice").path("paymentHash").asText();
        assertThat(hash).isNotEmpty();
        double failuresBefore = failures();
        jdbc.execute("CREATE TABLE held_session AS SELECT * FROM session_view WHERE session_id = '" + sessionId + "'");
        try {
            jdbc.update("DELETE FROM session_view WHERE session_id = ?", sessionId);
            api.post("/api/dev/stub/pay/" + hash); // the payment watcher records it; the projection finds no row
            await("failures counted").atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore);
            // the operator sees it in the health of the processor that retries
            JsonNode processor = new ApiClient("http://127.0.0.1:" + managementPort).get("/actuator/health").body()
                    .path("components").path("eventProcessors").path("details").path(GROUP);
            assertThat(processor.path("handlerFailures").asLong()).isPositive();
            jdbc.update("INSERT INTO session_view SELECT * FROM held_session");
        } finally {
            jdbc.execute("DROP TABLE held_session");
        }
        await("view caught up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> "ACTIVE".equals(state(sessionId)));
        assertThat(api.get("/api/sessions/" + sessionId).body().path("state").asText()).isEqualTo("active");
    }

    private double failures() {
        Counter counter = meters.find(RetryingErrorHandler.METER).tag("processingGroup", GROUP).counter();
        return counter == null ? 0 : counter.count();
    }

    private String state(String sessionId) {
        return jdbc.queryForObject("SELECT state FROM session_view WHERE session_id = ?", String.class, sessionId);
    }
}
