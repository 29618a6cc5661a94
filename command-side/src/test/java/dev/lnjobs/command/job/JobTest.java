package dev.lnjobs.command.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobCommands.CompleteWork;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobCommands.ExpireJob;
import dev.lnjobs.api.job.JobCommands.FailJob;
import dev.lnjobs.api.job.JobCommands.IssueEvalInvoice;
import dev.lnjobs.api.job.JobCommands.IssueWorkInvoice;
import dev.lnjobs.api.job.JobCommands.QuoteWork;
import dev.lnjobs.api.job.JobCommands.RecordEvaluation;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.command.pricing.PricingPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.job.JobFixtures.*;

class JobTest {

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    @Test
    void creating_a_job_records_the_request_and_the_tariff_in_force() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, REQUEST, TARIFF, T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new JobCreated(JOB, REQUEST, TARIFF, T0),
                        new EvalInvoiceRequested(JOB, TARIFF.evalFeeSats()));
    }

    @Test
    void refuses_a_blank_request() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, "   ", TARIFF, T0))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void issues_the_evaluation_invoice_once() {
        fixture.given(created())
                .when(new IssueEvalInvoice(JOB, EVAL_INVOICE))
                .expectEvents(new EvalInvoiceIssued(JOB, EVAL_INVOICE));
    }

    @Test
    void reissuing_the_same_evaluation_invoice_changes_nothing() {
        fixture.given(awaitingEvalPayment())
                .when(new IssueEvalInvoice(JOB, EVAL_INVOICE))
                .expectNoEvents();
    }

    @Test
    void refuses_a_second_different_evaluation_invoice() {
        fixture.given(awaitingEvalPayment())
                .when(new IssueEvalInvoice(JOB, new Invoice("c".repeat(64), "lnbcrt100n1x", 10, T0)))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void refuses_an_evaluation_invoice_for_another_amount_than_the_fee() {
        fixture.given(created())
                .when(new IssueEvalInvoice(JOB, new Invoice(EVAL_HASH, "lnbcrt1u1x", 11, T0)))
                .expectException(JobRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("EVAL_FEE_SATS"));
    }

    @Test
    void evaluation_payment_starts_the_evaluation() {
        fixture.given(awaitingEvalPayment())
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, T0.plusSeconds(5)))
                .expectEvents(new EvalInvoicePaid(JOB, EVAL_HASH, 10, T0.plusSeconds(5), REQUEST, TARIFF.evalModel(),
                        TARIFF.workModel()))
                .expectState(job -> org.assertj.core.api.Assertions.assertThat(job).extracting("state")
                        .isEqualTo(JobState.EVALUATING));
    }

    @Test
    void a_repeated_evaluation_payment_notice_is_a_no_op() {
        fixture.given(evaluating())
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, T0.plusSeconds(9)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refuses_a_payment_notice_for_a_hash_the_job_never_issued() {
        fixture.given(awaitingEvalPayment())
                .when(new ConfirmInvoicePaid(JOB, "d".repeat(64), T0))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void an_accepting_evaluation_moves_to_awaiting_work_payment() {
        fixture.given(evaluating())
                .when(new RecordEvaluation(JOB, true, "fine", TARIFF.evalModel(), EVAL_USAGE))
                .expectEvents(new JobAccepted(JOB, "fine", TARIFF.evalModel(), EVAL_USAGE))
                .expectState(job -> org.assertj.core.api.Assertions.assertThat(job).extracting("state")
                        .isEqualTo(JobState.AWAITING_WORK_PAYMENT));
    }

    @Test
    void a_rejecting_evaluation_ends_the_job_as_rejected() {
        fixture.given(evaluating())
                .when(new RecordEvaluation(JOB, false, "not allowed", TARIFF.evalModel(), EVAL_USAGE))
                .expectEvents(new JobRejected(JOB, "not allowed", TARIFF.evalModel(), EVAL_USAGE));
    }

    @Test
    void refuses_an_evaluation_before_the_evaluation_invoice_is_paid() {
        fixture.given(awaitingEvalPayment())
                .when(new RecordEvaluation(JOB, true, "fine", TARIFF.evalModel(), EVAL_USAGE))
                .expectException(JobRuleViolation.class)
                .expectExceptionMessage("cannot record an evaluation while the job is awaiting_eval_payment");
    }

    @Test
    void quotes_the_work_with_the_recorded_tariff_and_given_price() {
        fixture.given(accepted())
                .when(new QuoteWork(JOB, PRICE))
                .expectEvents(new WorkQuoted(JOB, QUOTE))
                .expectResultMessagePayload(QUOTE);
    }

    @Test
    void a_second_quote_keeps_the_first() {
        fixture.given(quoted())
                .when(new QuoteWork(JOB, new dev.lnjobs.api.pricing.BtcPrice(new java.math.BigDecimal("50000"),
                        dev.lnjobs.api.pricing.BtcPrice.Source.LIVE, T0)))
                .expectNoEvents()
                .expectResultMessagePayload(QUOTE);
    }

    @Test
    void refuses_to_quote_a_job_still_being_evaluated() {
        fixture.given(evaluating())
                .when(new QuoteWork(JOB, PRICE))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void issues_the_work_invoice_for_the_quoted_amount() {
        fixture.given(quoted())
                .when(new IssueWorkInvoice(JOB, WORK_INVOICE))
                .expectEvents(new WorkInvoiceIssued(JOB, WORK_INVOICE));
    }

    @Test
    void refuses_a_work_invoice_before_the_quote() {
        fixture.given(accepted())
                .when(new IssueWorkInvoice(JOB, WORK_INVOICE))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void refuses_a_work_invoice_for_another_amount_than_quoted() {
        fixture.given(quoted())
                .when(new IssueWorkInvoice(JOB, new Invoice(WORK_HASH, "lnbcrt1n1x", QUOTE.amountSats() - 1, T0)))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void work_payment_starts_the_work() {
        fixture.given(awaitingWorkPayment())
                .when(new ConfirmInvoicePaid(JOB, WORK_HASH, T0.plusSeconds(30)))
                .expectEvents(new WorkInvoicePaid(JOB, WORK_HASH, QUOTE.amountSats(), T0.plusSeconds(30)));
    }

    @Test
    void a_repeated_work_payment_notice_is_a_no_op() {
        fixture.given(executing())
                .when(new ConfirmInvoicePaid(JOB, WORK_HASH, T0.plusSeconds(31)))
                .expectNoEvents();
    }

    @Test
    void a_late_evaluation_payment_notice_after_the_work_started_is_a_no_op() {
        fixture.given(executing())
                .when(new ConfirmInvoicePaid(JOB, EVAL_HASH, T0.plusSeconds(31)))
                .expectNoEvents();
    }

    @Test
    void completing_the_work_records_result_and_tokens_and_settles_at_the_actual_cost() {
        TokenUsage usage = new TokenUsage(60, 150);
        fixture.given(executing())
                .when(new CompleteWork(JOB, "a haiku", TARIFF.workModel(), usage))
                .expectEvents(new WorkCompleted(JOB, "a haiku", TARIFF.workModel(), usage),
                        new JobSettled(JOB, PricingPolicy.settle(QUOTE, TARIFF.evalModel(), EVAL_USAGE,
                                TARIFF.workModel(), usage)));
    }

    @Test
    void refuses_to_complete_work_that_was_not_paid_for() {
        fixture.given(awaitingWorkPayment())
                .when(new CompleteWork(JOB, "a haiku", TARIFF.workModel(), new TokenUsage(1, 1)))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void failing_records_the_reason_and_the_state_it_failed_in() {
        fixture.given(awaitingWorkPayment())
                .when(new FailJob(JOB, "quote failed: overloaded"))
                .expectEvents(new JobFailed(JOB, "quote failed: overloaded", JobState.AWAITING_WORK_PAYMENT));
    }

    @Test
    void failing_a_failed_job_again_changes_nothing() {
        fixture.given(append(executing(), new JobFailed(JOB, "x", JobState.EXECUTING)))
                .when(new FailJob(JOB, "again"))
                .expectNoEvents();
    }

    @Test
    void refuses_to_fail_a_completed_job() {
        fixture.given(append(executing(), new WorkCompleted(JOB, "r", TARIFF.workModel(), new TokenUsage(1, 1))))
                .when(new FailJob(JOB, "late"))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void an_unpaid_evaluation_invoice_past_its_expiry_expires_the_job() {
        fixture.given(awaitingEvalPayment())
                .when(new ExpireJob(JOB, EVAL_HASH, T0.plusSeconds(3600)))
                .expectEvents(new JobExpired(JOB, EVAL_HASH, JobState.AWAITING_EVAL_PAYMENT, T0.plusSeconds(3600)));
    }

    @Test
    void an_unpaid_work_invoice_past_its_expiry_expires_the_job() {
        fixture.given(awaitingWorkPayment())
                .when(new ExpireJob(JOB, WORK_HASH, T0.plusSeconds(3600)))
                .expectEvents(new JobExpired(JOB, WORK_HASH, JobState.AWAITING_WORK_PAYMENT, T0.plusSeconds(3600)));
    }

    @Test
    void the_expiry_of_a_paid_invoice_changes_nothing() {
        fixture.given(evaluating())
                .when(new ExpireJob(JOB, EVAL_HASH, T0.plusSeconds(3600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refuses_to_fail_a_rejected_job() {
        fixture.given(append(evaluating(), new JobRejected(JOB, "no", TARIFF.evalModel(), EVAL_USAGE)))
                .when(new FailJob(JOB, "late"))
                .expectException(JobRuleViolation.class);
    }
}
