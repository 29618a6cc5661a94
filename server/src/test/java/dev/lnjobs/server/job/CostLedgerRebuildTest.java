package dev.lnjobs.server.job;

import dev.lnjobs.server.projection.LiveProjectionRebuild;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost ledger is a pure function of the event store: drop its rows, replay, and every row comes back. */
class CostLedgerRebuildTest extends ServerTest {

    private static final String ALL_ROWS = "SELECT * FROM job_cost_ledger ORDER BY job_id";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private LiveProjectionRebuild rebuild;

    @Test
    void a_rebuild_from_the_event_store_yields_exactly_the_live_ledger() {
        ApiClient api = api();
        String first = RefundTest.completedJob(api, "Write a haiku about lightning payments");
        String second = RefundTest.completedJob(api, "x".repeat(250));
        // the ledger is written with the job view: a completed job's settlement is there as soon as its state is
        assertThat(jdbc.queryForList("SELECT refund_state FROM job_cost_ledger WHERE job_id IN (?, ?)", String.class,
                first, second)).hasSize(2).doesNotContainNull();
        List<Map<String, Object>> live = jdbc.queryForList(ALL_ROWS);
        assertThat(live).extracting(row -> row.get("job_id")).contains(first);

        jdbc.update("DELETE FROM job_cost_ledger");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_cost_ledger", Integer.class)).isZero();
        rebuild.rebuild();

        assertThat(jdbc.queryForList(ALL_ROWS)).isEqualTo(live);
    }
}
