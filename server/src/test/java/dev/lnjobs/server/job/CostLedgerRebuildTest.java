package dev.lnjobs.server.job;

import dev.lnjobs.query.ledger.CostLedgerProjection;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cost ledger is a pure function of the event store: reset its token, replay, and every row comes back. */
class CostLedgerRebuildTest extends ServerTest {

    private static final String ALL_ROWS = "SELECT * FROM job_cost_ledger ORDER BY job_id";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void a_rebuild_from_the_event_store_yields_exactly_the_live_ledger() {
        ApiClient api = api();
        String first = RefundTest.completedJob(api, "Write a haiku about lightning payments");
        RefundTest.completedJob(api, "x".repeat(250));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM job_cost_ledger WHERE refund_state IS NOT NULL", Integer.class) >= 2);
        List<Map<String, Object>> live = jdbc.queryForList(ALL_ROWS);
        assertThat(live).extracting(row -> row.get("job_id")).contains(first);

        StreamingEventProcessor ledger = processing
                .eventProcessor(CostLedgerProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        ledger.shutDown();
        ledger.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_cost_ledger", Integer.class)).isZero();
        ledger.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForList(ALL_ROWS)).isEqualTo(live));
    }
}
