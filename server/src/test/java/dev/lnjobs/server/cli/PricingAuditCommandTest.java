package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.server.audit.JobHistories;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.config.EventStoreRows.Row;
import dev.lnjobs.server.support.CommandLineRun;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar server.jar audit-pricing}, run in-process against a database of its own. */
class PricingAuditCommandTest {

    private static final String REQUEST = "Write a haiku about lightning payments";
    /** At the defaults: quoted 129 sats, settled at 127, so 2 refunded: eleven events. */
    private static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);
    private static final String REFUNDED = "0f6a7c1e-2b4d-4e8f-9a10-1c2d3e4f5a6b";
    private static final String OWED = "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";

    @Test
    void a_clean_store_prints_the_report_as_json_and_exits_0() throws IOException {
        String url = TestDatabases.freshDatabase();
        EventStoreRows.append(EventStoreRows.migrated(url), history(REFUNDED));

        CommandLineRun run = audit("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).isEqualTo(PricingAuditCommand.CLEAN).isZero();
        JsonNode report = run.json();
        assertThat(report.path("jobsAudited").asLong()).isEqualTo(1);
        assertThat(report.path("eventsRead").asLong()).isEqualTo(11);
        assertThat(report.path("eventsSkipped").asLong()).isZero();
        assertThat(report.path("mismatchCount").asLong()).isZero();
        assertThat(report.path("mismatches").isArray()).isTrue();
        assertThat(report.path("mismatches")).isEmpty();
        assertThat(report.path("eventsPerSecond").asLong()).isPositive();
    }

    @Test
    void an_appended_event_with_a_tampered_amount_is_printed_and_exits_1() throws IOException {
        String url = TestDatabases.freshDatabase();
        DataSource store = EventStoreRows.migrated(url);
        EventStoreRows.append(store, history(REFUNDED));
        List<Row> owed = history(OWED).subList(0, 9); // settled, 2 sats owed, refund not yet asked for
        EventStoreRows.append(store, owed);
        EventStoreRows.append(store, List.of(new Row(OWED, 9,
                new RefundRequested(OWED, "lnbcrt2u1refund", "e".repeat(64), 200, JobHistories.T0))));

        CommandLineRun run = audit("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).isEqualTo(PricingAuditCommand.MISMATCHES).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(report.path("jobsAudited").asLong()).isEqualTo(2);
        assertThat(report.path("eventsRead").asLong()).isEqualTo(21);
        assertThat(report.path("mismatchCount").asLong()).isEqualTo(1);
        JsonNode mismatch = report.path("mismatches").path(0);
        assertThat(mismatch.path("jobId").asText()).isEqualTo(OWED);
        assertThat(mismatch.path("check").asText()).isEqualTo("refund_request.amount_sats");
        assertThat(mismatch.path("expected").asText()).isEqualTo("2");
        assertThat(mismatch.path("recorded").asText()).isEqualTo("200");
    }

    @Test
    void a_database_without_an_event_store_exits_2_and_says_why() {
        CommandLineRun run = audit("--lnjobs.database.url=" + TestDatabases.freshDatabase());

        assertThat(run.exitCode()).isEqualTo(PricingAuditCommand.FAILED).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("audit-pricing: ").contains("domain_event_entry");
    }

    private static List<Row> history(String jobId) {
        return JobHistories.refundedJob(jobId, REQUEST, Tariff.defaults(), EVAL_USAGE, WORK_USAGE);
    }

    private static CommandLineRun audit(String... properties) {
        return CommandLineRun.of(CommandLineTools::run, PricingAuditCommand.NAME, properties);
    }
}
