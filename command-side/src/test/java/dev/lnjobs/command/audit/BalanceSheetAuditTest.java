package dev.lnjobs.command.audit;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapLatePaymentReceived;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundRequested;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRequested;
import dev.lnjobs.api.bootstrap.BootstrapEvents.NodeReady;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
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
    void a_job_that_fails_after_its_work_was_paid_owes_the_work_payment_until_it_is_refunded() {
        audit.accept("j1", new JobCreated("j1", "fail-work", null, AT));
        audit.accept("j1", new EvalInvoicePaid("j1", "e", 10, AT));
        audit.accept("j1", new WorkInvoicePaid("j1", "w", 129, AT));
        audit.accept("j1", new JobFailed("j1", "model down", JobState.EXECUTING, new PaidWorkRefund("w", 129, 129)));

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(139, 10, 0, 0, 129));

        audit.accept("j1", new RefundPaid("j1", "r", 129, AT));

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(139, 10, 129, 0, 0));
    }

    @Test
    void a_bootstrap_earns_its_fee_when_ready_and_owes_it_back_when_it_fails_after_payment() {
        audit.accept("b1", new BootstrapRequested("b1", "node-b1", 10_000, null, AT));
        audit.accept("b1", new BootstrapPaid("b1", "p", 10_000, AT));
        audit.accept("b1", new NodeReady("b1", "192.0.2.1", null, null));
        audit.accept("b2", new BootstrapRequested("b2", "node-b2", 10_000, null, AT));
        audit.accept("b2", new BootstrapPaid("b2", "q", 10_000, AT));
        audit.accept("b2", new ProvisioningFailed("b2", "timed out", BootstrapState.PROVISIONING, null, null));
        audit.accept("b2", new BootstrapRefundDue("b2", "q", 10_000, 10_000));
        audit.accept("b3", new BootstrapRequested("b3", "node-b3", 10_000, null, AT));
        audit.accept("b3", new BootstrapLatePaymentReceived("b3", "r", 10_000, AT, BootstrapState.FAILED, 10_000));

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(30_000, 10_000, 0, 0, 20_000));
    }

    @Test
    void a_claimed_bootstrap_refund_is_owed_until_paid_then_refunded() {
        audit.accept("b2", new BootstrapRequested("b2", "node-b2", 10_000, null, AT));
        audit.accept("b2", new BootstrapPaid("b2", "q", 10_000, AT));
        audit.accept("b2", new ProvisioningFailed("b2", "timed out", BootstrapState.PROVISIONING, null, null));
        audit.accept("b2", new BootstrapRefundDue("b2", "q", 10_000, 10_000));
        audit.accept("b2", new BootstrapRefundRequested("b2", "lnbcrt1refund", "s", 10_000, AT));
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(10_000, 0, 0, 0, 10_000));

        audit.accept("b2", new BootstrapRefundPaid("b2", "s", 10_000, AT));
        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(10_000, 0, 10_000, 0, 0));
    }

    @Test
    void a_payment_after_the_job_expired_is_owed() {
        audit.accept("j1", new JobCreated("j1", "late", null, AT));
        audit.accept("j1", new JobExpired("j1", "e", JobState.AWAITING_EVAL_PAYMENT, AT));
        audit.accept("j1", new LatePaymentReceived("j1", "e", 10, AT, JobState.EXPIRED, 10));

        assertThat(audit.report().clean()).isTrue();
        assertThat(audit.report().totals()).isEqualTo(new BalanceSheetReport.Totals(10, 0, 0, 0, 10));
    }

    @Test
    void a_failure_recorded_without_its_refund_keeps_money_it_neither_earned_nor_owes() {
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
