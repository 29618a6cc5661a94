package dev.lnjobs.command.audit;

import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalFailed;
import dev.lnjobs.api.session.SessionEvents.WithdrawalPaid;
import dev.lnjobs.api.session.SessionEvents.WithdrawalRequested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BalanceSheetAuditTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private final BalanceSheetAudit audit = new BalanceSheetAudit();

    @Test
    void a_settled_and_refunded_job_adds_up() {
        completedJob("j1", 129, 126);
        audit.accept("j1", new RefundPaid("j1", "r", 3, AT));

        BalanceSheetReport report = audit.report();

        assertThat(report.clean()).isTrue();
        assertThat(report.totals()).isEqualTo(new BalanceSheetReport.Totals(139, 136, 3, 0, 0));
    }

    @Test
    void a_refund_not_yet_claimed_is_owed() {
        completedJob("j1", 129, 100);

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals().owed()).isEqualTo(29);
    }

    @Test
    void a_rejected_job_earned_its_evaluation_fee() {
        audit.accept("j1", new JobCreated("j1", "reject this", null, AT));
        audit.accept("j1", new EvalInvoicePaid("j1", "e", 10, AT));
        audit.accept("j1", new JobRejected("j1", "no", "haiku", null));

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals().earned()).isEqualTo(10);
    }

    @Test
    void a_job_that_fails_after_its_work_was_paid_keeps_money_it_neither_earned_nor_owes() {
        audit.accept("j1", new JobCreated("j1", "work", null, AT));
        audit.accept("j1", new EvalInvoicePaid("j1", "e", 10, AT));
        audit.accept("j1", new WorkInvoicePaid("j1", "w", 129, AT));
        audit.accept("j1", new JobFailed("j1", "model down", JobState.EXECUTING));

        BalanceSheetReport report = audit.report();

        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(report.details().get(0).problems()).anyMatch(problem -> problem.contains("neither earned"));
    }

    @Test
    void a_refund_paid_twice_is_found() {
        completedJob("j1", 129, 126);
        audit.accept("j1", new RefundPaid("j1", "r", 3, AT));
        audit.accept("j1", new RefundPaid("j1", "r2", 3, AT));

        BalanceSheetReport report = audit.report();

        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(report.details().get(0).id()).isEqualTo("j1");
    }

    @Test
    void a_session_balance_is_deposits_and_top_ups_less_debits() {
        audit.accept("s1", new SessionCreated("s1", 500, null, null, AT));
        audit.accept("s1", new DepositPaid("s1", "d", 500, 500, AT));
        audit.accept("s1", settled("s1", 126, 374));
        audit.accept("s1", new TopUpPaid("s1", "t1", "t", 200, 574, AT));

        BalanceSheetReport report = audit.report();

        assertThat(report.clean()).isTrue();
        assertThat(report.totals()).isEqualTo(new BalanceSheetReport.Totals(700, 126, 0, 0, 574));
    }

    @Test
    void a_session_event_stating_a_balance_the_account_does_not_hold_is_found() {
        audit.accept("s1", new SessionCreated("s1", 500, null, null, AT));
        audit.accept("s1", new DepositPaid("s1", "d", 500, 500, AT));
        audit.accept("s1", settled("s1", 126, 400));

        assertThat(audit.report().mismatches()).isEqualTo(1);
    }

    @Test
    void a_withdrawal_in_escrow_is_owed_and_once_paid_is_withdrawn_with_its_fee() {
        fundedSession("s1", 374);
        audit.accept("s1", new WithdrawalRequested("s1", "w1", "invoice", "lnbcrt1", "h", 374, 371, 3, 0, AT));
        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(500, 126, 0, 0, 374));

        audit.accept("s1", new WithdrawalPaid("s1", "w1", "h", 371, 1L, 1, 2, 2, AT));

        BalanceSheetReport report = audit.report();
        assertThat(report.clean()).isTrue();
        assertThat(report.totals()).isEqualTo(new BalanceSheetReport.Totals(500, 126, 0, 372, 2));
    }

    @Test
    void a_failed_withdrawal_puts_its_escrow_back_on_the_balance() {
        fundedSession("s1", 374);
        audit.accept("s1", new WithdrawalRequested("s1", "w1", "invoice", "lnbcrt1", "h", 374, 371, 3, 0, AT));
        audit.accept("s1", new WithdrawalFailed("s1", "w1", "h", "no route", 374, 374));

        BalanceSheetReport report = audit.report();
        assertThat(report.clean()).isTrue();
        assertThat(report.totals()).isEqualTo(new BalanceSheetReport.Totals(500, 126, 0, 0, 374));
    }

    @Test
    void a_withdrawal_paid_twice_is_found() {
        fundedSession("s1", 374);
        audit.accept("s1", new WithdrawalRequested("s1", "w1", "invoice", "lnbcrt1", "h", 374, 371, 3, 0, AT));
        audit.accept("s1", new WithdrawalPaid("s1", "w1", "h", 371, 0L, 0, 3, 3, AT));
        audit.accept("s1", new WithdrawalPaid("s1", "w1", "h", 371, 0L, 0, 3, 6, AT));

        BalanceSheetReport report = audit.report();
        assertThat(report.mismatches()).isEqualTo(1);
        assertThat(report.details().get(0).problems()).anyMatch(p -> p.contains("paid out twice"));
    }

    private void fundedSession(String sessionId, long balanceAfterRequest) {
        audit.accept(sessionId, new SessionCreated(sessionId, 500, null, null, AT));
        audit.accept(sessionId, new DepositPaid(sessionId, "d", 500, 500, AT));
        audit.accept(sessionId, settled(sessionId, 500 - balanceAfterRequest, balanceAfterRequest));
    }

    private void completedJob(String jobId, long workSats, long actualSats) {
        audit.accept(jobId, new JobCreated(jobId, "work", null, AT));
        audit.accept(jobId, new EvalInvoicePaid(jobId, "e", 10, AT));
        audit.accept(jobId, new WorkInvoicePaid(jobId, "w", workSats, AT));
        audit.accept(jobId, new JobSettled(jobId, new Settlement(null, null, null, null, null, null, null, null,
                null, null, workSats, actualSats, workSats - actualSats)));
    }

    private static RequestSettled settled(String sessionId, long debited, long balanceAfter) {
        return new RequestSettled(sessionId, "r1", RequestState.COMPLETE, "ok", null, null, 300, debited, 0,
                balanceAfter, AT, AT);
    }
}
