package dev.lnjobs.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lnjobs.server.audit.PricingAuditCommand;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** {@code java -jar server.jar append-rate}, run in-process against a database of its own. */
class AppendRateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void appends_events_for_the_given_time_and_reports_exactly_what_it_wrote() throws IOException {
        String url = TestDatabases.freshDatabase();

        Run run = run("--threads=3", "--warmup-seconds=1", "--seconds=1", "--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(AppendRateCommand.MEASURED);
        JsonNode result = JSON.readTree(run.stdout());
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
        assertThat(result.path("eventsPerTransaction").asDouble()).as("nine events in six transactions")
                .isBetween(1.3, 1.7);
        // whole jobs, one after the other per writer: at most one unfinished job per writer
        long jobs = jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry",
                Long.class);
        long settled = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%JobSettled'", Long.class);
        assertThat(jobs - settled).isBetween(0L, 3L);
        assertThat(PricingAuditCommand.run(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), PricingAuditCommand.NAME, "--lnjobs.database.url=" + url))
                .as("every price it wrote re-derives from its inputs").isEqualTo(PricingAuditCommand.CLEAN);
    }

    @Test
    void refuses_a_database_that_already_holds_events() {
        String url = TestDatabases.freshDatabase();
        assertThat(run("--threads=1", "--warmup-seconds=0", "--seconds=1", "--lnjobs.database.url=" + url)
                .exitCode()).isZero();

        Run again = run("--threads=1", "--warmup-seconds=0", "--seconds=1", "--lnjobs.database.url=" + url);

        assertThat(again.exitCode()).isEqualTo(AppendRateCommand.FAILED);
        assertThat(again.stdout()).isEmpty();
        assertThat(again.stderr()).startsWith("append-rate: ").contains("already holds");
    }

    @Test
    void a_malformed_option_is_a_usage_error() {
        Run run = run("--threads=many");

        assertThat(run.exitCode()).isEqualTo(AppendRateCommand.FAILED);
        assertThat(run.stderr()).contains("usage");
    }

    private static Run run(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = AppendRateCommand.NAME;
        System.arraycopy(options, 0, args, 1, options.length);
        int exitCode = AppendRateCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
