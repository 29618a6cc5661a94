package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.support.CommandLineRun;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** {@code java -jar server.jar append-rate}, run in-process against a database of its own. */
class AppendRateCommandTest {

    @Test
    void appends_events_for_the_given_time_and_reports_exactly_what_it_wrote() throws IOException {
        String url = TestDatabases.freshDatabase();

        CommandLineRun run = run("--threads=3", "--warmup-seconds=1", "--seconds=1", "--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(AppendRateCommand.MEASURED);
        JsonNode result = run.json();
        assertThat(result.path("threads").asInt()).isEqualTo(3);
        assertThat(result.path("seconds").asDouble()).isBetween(1.0, 30.0);
        long appended = result.path("eventsAppended").asLong();
        assertThat(appended).isPositive();
        assertThat(result.path("eventsPerSecond").asDouble())
                .isCloseTo(appended / result.path("seconds").asDouble(), offset(1e-6));
        JdbcTemplate jdbc = new JdbcTemplate(EventStoreRows.dataSource(url));
        long written = result.path("eventsWritten").asLong();
        assertThat(written).as("the warm-up's appends too").isGreaterThan(appended);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(written);
        assertThat(result.path("eventsPerTransaction").asDouble()).as("nine events in five transactions")
                .isBetween(1.6, 2.0);
        // whole jobs, one after the other per writer: at most one unfinished job per writer
        long jobs = jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry",
                Long.class);
        long settled = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%JobSettled'", Long.class);
        assertThat(jobs - settled).isBetween(0L, 3L);
        assertThat(CommandLineRun.of(CommandLineTools::run, PricingAuditCommand.NAME,
                "--lnjobs.database.url=" + url).exitCode())
                .as("every price it wrote re-derives from its inputs").isEqualTo(PricingAuditCommand.CLEAN);
    }

    @Test
    void refuses_a_database_that_already_holds_events() {
        String url = TestDatabases.freshDatabase();
        assertThat(run("--threads=1", "--warmup-seconds=0", "--seconds=1", "--lnjobs.database.url=" + url)
                .exitCode()).isZero();

        CommandLineRun again = run("--threads=1", "--warmup-seconds=0", "--seconds=1", "--lnjobs.database.url=" + url);

        assertThat(again.exitCode()).isEqualTo(AppendRateCommand.FAILED);
        assertThat(again.stdout()).isEmpty();
        assertThat(again.stderr()).startsWith("append-rate: ").contains("already holds");
    }

    @Test
    void a_malformed_option_is_a_usage_error() {
        CommandLineRun run = run("--threads=many");

        assertThat(run.exitCode()).isEqualTo(AppendRateCommand.FAILED);
        assertThat(run.stderr()).contains("usage");
    }

    private static CommandLineRun run(String... options) {
        return CommandLineRun.of(CommandLineTools::run, AppendRateCommand.NAME, options);
    }
}
