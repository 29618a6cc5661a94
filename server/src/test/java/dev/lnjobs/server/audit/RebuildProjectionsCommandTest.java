package dev.lnjobs.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.server.cli.RebuildProjectionsCommand;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.projection.ProjectionRebuild;
import dev.lnjobs.server.support.CommandLineRun;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar server.jar rebuild-projections}, run in-process against a store no server runs on (the audit's
 * job histories, written as Axon writes them): the read models come from the events alone.
 */
class RebuildProjectionsCommandTest {

    private static final String JOB = "2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6d";

    @Test
    void builds_the_read_models_from_the_events_alone_and_leaves_the_pooled_projections_after_them()
            throws IOException {
        String url = TestDatabases.freshDatabase();
        DataSource store = EventStoreRows.migrated(url);
        EventStoreRows.append(store, JobHistories.refundedJob(JOB, "Write a haiku about lightning payments",
                Tariff.defaults(), new TokenUsage(40, 20), new TokenUsage(60, 50)));
        JdbcTemplate jdbc = new JdbcTemplate(store);
        jdbc.update("INSERT INTO job_view (job_id, state, request, created_at, updated_at) "
                + "VALUES ('stale', 'COMPLETE', 'a row no event made', now(), now())");

        CommandLineRun run = rebuild("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(RebuildProjectionsCommand.REBUILT);
        JsonNode result = run.json();
        assertThat(result.path("eventsReplayed").asLong()).isEqualTo(11);
        assertThat(jdbc.queryForList("SELECT job_id, state, eval_paid, work_paid FROM job_view")).containsExactly(
                Map.of("job_id", JOB, "state", "COMPLETE", "eval_paid", true, "work_paid", true));
        assertThat(jdbc.queryForList("SELECT purpose, paid FROM issued_invoice ORDER BY purpose")).containsExactly(
                Map.of("purpose", "JOB_EVAL", "paid", true), Map.of("purpose", "JOB_WORK", "paid", true));
        assertThat(jdbc.queryForObject("SELECT refund_state FROM job_cost_ledger WHERE job_id = ?", String.class,
                JOB)).isEqualTo("PAID");
        // the pooled projections' segments (application.yml's counts) all start after the eleventh event
        assertThat(jdbc.queryForList("SELECT processor_name, count(*) AS segments FROM token_entry "
                + "WHERE token IS NOT NULL AND owner IS NULL GROUP BY processor_name ORDER BY 1")).containsExactly(
                Map.of("processor_name", "bootstrap-view", "segments", 4L),
                Map.of("processor_name", "sessions", "segments", 4L));
        assertThat(result.path("segmentsByProcessor").path("sessions").asInt()).isEqualTo(4);
        // the cost ledger is written with the job view, in the command's transaction: no token to set
        assertThat(result.path("segmentsByProcessor").has("cost-ledger")).isFalse();

        Map<String, List<Map<String, Object>>> once = readModels(jdbc);
        assertThat(rebuild("--lnjobs.database.url=" + url).exitCode()).isZero();
        assertThat(readModels(jdbc)).as("a second rebuild changes nothing").isEqualTo(once);
    }

    @Test
    void says_what_is_wrong_when_the_database_has_no_schema() {
        CommandLineRun run = rebuild("--lnjobs.database.url=" + TestDatabases.freshDatabase());

        assertThat(run.exitCode()).isEqualTo(RebuildProjectionsCommand.FAILED);
        assertThat(run.stderr()).contains("rebuild-projections:", "token_entry", "nothing was changed");
    }

    private static Map<String, List<Map<String, Object>>> readModels(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        ProjectionRebuild.READ_MODEL_TABLES.forEach(table ->
                tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1")));
        return tables;
    }

    private static CommandLineRun rebuild(String... properties) {
        return CommandLineRun.of(RebuildProjectionsCommand::run, RebuildProjectionsCommand.NAME, properties);
    }
}
