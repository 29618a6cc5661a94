package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobCommands.CheckRefundDue;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.FailJob;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.JobState;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.lnjobs.command.job.JobFixtures.EVAL_HASH;
import static dev.lnjobs.command.job.JobFixtures.JOB;
import static dev.lnjobs.command.job.JobFixtures.QUOTE;
import static dev.lnjobs.command.job.JobFixtures.T0;
import static dev.lnjobs.command.job.JobFixtures.TARIFF;
import static dev.lnjobs.command.job.JobFixtures.WORK_HASH;
import static dev.lnjobs.command.job.JobFixtures.append;
import static dev.lnjobs.command.job.JobFixtures.awaitingEvalPayment;
import static dev.lnjobs.command.job.JobFixtures.awaitingWorkPayment;
import static dev.lnjobs.command.job.JobFixtures.evaluating;
import static dev.lnjobs.command.job.JobFixtures.executing;

/** Money that bought nothing is owed back: paid work that failed for good, and payments that came too late. */
class JobMoneyBackTest {

    private static final Instant LATE = T0.plusSeconds(4000);
    private static final String REFUND_HASH = "f".repeat(64);
    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private static Object[] failedAfterPayment() {
        return append(executing(), new JobFailed(JOB, "work failed: down", JobState.EXECUTING,
                new PaidWorkRefund(WORK_HASH, QUOTE.amountSats(), QUOTE.amountSats())));
    }

    private static Object[] expiredAwaitingEval() {
        return append(awaitingEvalPayment(), new JobExpired(JOB, EVAL_HASH, JobState.AWAITING_EVAL_PAYMENT, T0));
    }

    @Test
    void failing_after_the_work_was_paid_owes_the_whole_work_payment_back_and_says_from_what() {
        fixture.given(executing())
                .when(new FailJob(JOB, "work failed: model down"))
                .expectEvents(new JobFailed(JOB, "work failed: model down", JobState.EXECUTING,
                        new PaidWorkRefund(WORK_HASH, QUOTE.amountSats(), QUOTE.amountSats())));
    }

    @Test
    void the_refund_of_failed_work_is_claimable_for_the_work_amount() {
        fixture.given(failedAfterPayment())
                .when(new CheckRefundDue(JOB))
                .expectResultMessagePayload(QUOTE.amountSats());
        fixture.given(failedAfterPayment())
                .when(new RequestRefund(JOB, "lnbcrt1refund", REFUND_HASH, QUOTE.amountSats(), LATE))
                .expectEvents(new RefundRequested(JOB, "lnbcrt1refund", REFUND_HASH, QUOTE.amountSats(), LATE));
    }

    @Test
    void failing_before_any_work_was_paid_owes_nothing() {
        fixture.given(append(awaitingWorkPayment(), new JobFailed(JOB, "quote failed", JobState.AWAITING_WORK_PAYMENT)))
                .when(new CheckRefundDue(JOB))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void an_evaluation_payment_after_the_job_expired_is_owed_back_whole() {
        fixture.given(expiredAwaitingEval())
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, LATE))
                .expectEvents(new LatePaymentReceived(JOB, EVAL_HASH, 10, LATE, JobState.EXPIRED, 10));
        fixture.given(append(expiredAwaitingEval(),
                        new LatePaymentReceived(JOB, EVAL_HASH, 10, LATE, JobState.EXPIRED, 10)))
                .when(new CheckRefundDue(JOB))
                .expectResultMessagePayload(10L);
    }

    @Test
    void a_work_payment_after_the_job_expired_is_owed_back_whole() {
        fixture.given(append(awaitingWorkPayment(),
                        new JobExpired(JOB, WORK_HASH, JobState.AWAITING_WORK_PAYMENT, T0)))
                .when(new ConfirmInvoicePaid(JOB, WORK_HASH, LATE))
                .expectEvents(new LatePaymentReceived(JOB, WORK_HASH, QUOTE.amountSats(), LATE, JobState.EXPIRED,
                        QUOTE.amountSats()));
    }

    @Test
    void a_work_payment_after_the_job_failed_is_owed_back_whole() {
        fixture.given(append(awaitingWorkPayment(), new JobFailed(JOB, "x", JobState.AWAITING_WORK_PAYMENT)))
                .when(new ConfirmInvoicePaid(JOB, WORK_HASH, LATE))
                .expectEvents(new LatePaymentReceived(JOB, WORK_HASH, QUOTE.amountSats(), LATE, JobState.FAILED,
                        QUOTE.amountSats()));
    }

    @Test
    void a_late_payment_noticed_again_records_nothing() {
        fixture.given(append(expiredAwaitingEval(),
                        new LatePaymentReceived(JOB, EVAL_HASH, 10, LATE, JobState.EXPIRED, 10)))
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, LATE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_repeated_notice_of_a_paid_invoice_is_no_late_payment() {
        fixture.given(append(evaluating(), new JobRejected(JOB, "no", TARIFF.evalModel(), null)))
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, LATE))
                .expectNoEvents();
        fixture.given(failedAfterPayment())
                .when(new ConfirmInvoicePaid(JOB, WORK_HASH, LATE))
                .expectNoEvents();
    }
}
