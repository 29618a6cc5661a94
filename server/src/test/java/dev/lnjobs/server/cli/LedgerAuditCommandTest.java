package dev.lnjobs.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
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

/** {@code java -jar server.jar audit-ledger}, run in-process against a database of its own. */
class LedgerAuditCommandTest {

    private static final String REQUEST = "Write a haiku about lightning payments";
    private static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);
    private static final String JOB = "0f6a7c1e-2b4d-4e8f-9a10-1c2d3e4f5a6b";

    @Test
    void a_refunded_job_adds_up_prints_the_totals_and_exits_0() throws IOException {
        String url = TestDatabases.freshDatabase();
        List<Row> history = JobHistories.refundedJob(JOB, REQUEST, Tariff.defaults(), EVAL_USAGE, WORK_USAGE);
        EventStoreRows.append(EventStoreRows.migrated(url), history);

        CommandLineRun run = audit("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("mismatches").asLong()).isZero();
        JsonNode totals = report.path("totals");
        long paidIn = totals.path("paidIn").asLong();
        assertThat(paidIn).isEqualTo(10 + 129);
        assertThat(totals.path("refunded").asLong()).isPositive();
        assertThat(totals.path("earned").asLong() + totals.path("refunded").asLong()
                + totals.path("withdrawn").asLong() + totals.path("owed").asLong()).isEqualTo(paidIn);
        assertThat(report.path("details")).isEmpty();
    }

    @Test
    void a_failed_job_refunded_its_work_amount_and_a_late_paid_job_owing_its_payment_add_up_and_exit_0()
            throws IOException {
        String url = TestDatabases.freshDatabase();
        DataSource store = EventStoreRows.migrated(url);
        EventStoreRows.append(store, JobHistories.failedAfterPaymentJob(JOB, "fail-work please", Tariff.defaults(),
                EVAL_USAGE));
        String late = "1f6a7c1e-2b4d-4e8f-9a10-1c2d3e4f5a6c";
        EventStoreRows.append(store, JobHistories.latePaidJob(late, REQUEST, Tariff.defaults()));

        CommandLineRun run = audit("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("mismatches").asLong()).isZero();
        JsonNode totals = report.path("totals");
        long work = totals.path("refunded").asLong();
        assertThat(work).isEqualTo(129);
        assertThat(totals.path("paidIn").asLong()).isEqualTo(10 + 129 + 10);
        assertThat(totals.path("earned").asLong()).isEqualTo(10);
        assertThat(totals.path("owed").asLong()).isEqualTo(10);
    }

    @Test
    void a_refund_paid_twice_is_a_mismatch_and_exits_1() throws IOException {
        String url = TestDatabases.freshDatabase();
        DataSource store = EventStoreRows.migrated(url);
        List<Row> history = JobHistories.refundedJob(JOB, REQUEST, Tariff.defaults(), EVAL_USAGE, WORK_USAGE);
        EventStoreRows.append(store, history);
        RefundPaid first = (RefundPaid) history.get(history.size() - 1).payload();
        EventStoreRows.append(store, List.of(new Row(JOB, history.size(),
                new RefundPaid(JOB, "9".repeat(64), first.amountSats(), JobHistories.T0))));

        CommandLineRun run = audit("--lnjobs.database.url=" + url);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode account = run.json().path("details").path(0);
        assertThat(account.path("id").asText()).isEqualTo(JOB);
        assertThat(account.path("problems").toString()).contains("more than was due");
    }

    private static CommandLineRun audit(String... properties) {
        return CommandLineRun.of(CommandLineTools::run, LedgerAuditCommand.NAME, properties);
    }
}
