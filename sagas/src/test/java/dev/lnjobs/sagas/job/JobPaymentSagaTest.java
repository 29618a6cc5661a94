package dev.lnjobs.sagas.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobCommands.CompleteWork;
import dev.lnjobs.api.job.JobCommands.FailJob;
import dev.lnjobs.api.job.JobCommands.IssueEvalInvoice;
import dev.lnjobs.api.job.JobCommands.IssueWorkInvoice;
import dev.lnjobs.api.job.JobCommands.QuoteWork;
import dev.lnjobs.api.job.JobCommands.RecordEvaluation;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.pricing.PriceUnavailableException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class JobPaymentSagaTest {

    private static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final String REQUEST = "Write a haiku about lightning payments";
    private static final Tariff TARIFF = Tariff.defaults();
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration EXPIRY = Duration.ofHours(1);
    private static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, T0);
    private static final WorkQuote QUOTE = new WorkQuote("short", 38, 60, 200, new BigDecimal("0.00318"),
            new BigDecimal("0.1"), new BigDecimal("0.128975"), 129, PRICE, TARIFF);
    private static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 150);

    private SagaTestFixture<JobPaymentSaga> fixture;
    private Invoice evalInvoice;
    private Invoice workInvoice;
    private LightningNode lightning;
    private LanguageModel model;
    private PriceFeed priceFeed;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(JobPaymentSaga.class);
        // invoices expire an hour after the fixture's own clock, which the deadlines run on
        evalInvoice = new Invoice("a".repeat(64), "lnbcrt100n1eval", 10, fixture.currentTime().plus(EXPIRY));
        workInvoice = new Invoice("b".repeat(64), "lnbcrt1290n1work", 129, fixture.currentTime().plus(EXPIRY));
        lightning = mock(LightningNode.class);
        model = mock(LanguageModel.class);
        priceFeed = mock(PriceFeed.class);
        when(priceFeed.currentPrice()).thenReturn(PRICE);
        fixture.registerResource(lightning);
        fixture.registerResource(model);
        fixture.registerResource(priceFeed);
        fixture.registerResource(new JobFlowSettings(EXPIRY, 3, Duration.ofSeconds(1)));
        fixture.registerResource(Clock.fixed(T0, ZoneOffset.UTC));
        // the aggregate answers QuoteWork with its quote
        fixture.setCallbackBehavior((command, metaData) -> command instanceof QuoteWork ? QUOTE : null);
        when(lightning.createInvoice(eq(10L), anyString(), eq(EXPIRY))).thenReturn(evalInvoice);
        when(lightning.createInvoice(eq(129L), anyString(), eq(EXPIRY))).thenReturn(workInvoice);
    }

    /** The creation could not get the evaluation invoice: it starts the saga to issue one. */
    private static EvalInvoiceRequested created() {
        return new EvalInvoiceRequested(JOB, TARIFF.evalFeeSats());
    }

    private EvalInvoicePaid evalPaid() {
        return new EvalInvoicePaid(JOB, evalInvoice.paymentHash(), 10, T0, REQUEST, TARIFF.evalModel(),
                TARIFF.workModel());
    }

    private WorkInvoicePaid workPaid() {
        return new WorkInvoicePaid(JOB, workInvoice.paymentHash(), 129, T0);
    }

    private void accepts() {
        when(model.evaluate(TARIFF.evalModel(), REQUEST))
                .thenReturn(new LanguageModel.Evaluation(true, "fine", EVAL_USAGE));
    }

    @Test
    void a_new_job_gets_an_evaluation_invoice_for_the_fee_and_no_deadline_its_expiry_is_the_watchers() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new IssueEvalInvoice(JOB, evalInvoice))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_job_created_with_its_evaluation_invoice_starts_no_saga_until_it_is_paid() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new JobCreated(JOB, REQUEST, TARIFF, T0, null, true))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        verifyNoInteractions(lightning);
    }

    @Test
    void a_job_created_with_its_invoice_starts_its_saga_at_the_payment_with_what_the_payment_carries() {
        accepts();
        fixture.givenAPublished(new JobCreated(JOB, REQUEST, TARIFF, T0, null, true))
                .whenPublishingA(evalPaid())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordEvaluation(JOB, true, "fine", TARIFF.evalModel(), EVAL_USAGE),
                        new QuoteWork(JOB, PRICE), new IssueWorkInvoice(JOB, workInvoice));
        verify(lightning, never()).createInvoice(eq(10L), anyString(), any());
    }

    @Test
    void a_paid_evaluation_invoice_of_an_accepted_job_runs_evaluation_quote_and_work_invoice_in_one_go() {
        accepts();
        fixture.givenAPublished(created())
                .whenPublishingA(evalPaid())
                .expectDispatchedCommands(new RecordEvaluation(JOB, true, "fine", TARIFF.evalModel(), EVAL_USAGE),
                        new QuoteWork(JOB, PRICE), new IssueWorkInvoice(JOB, workInvoice))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }


    @Test
    void a_rejected_job_gets_no_quote_and_its_saga_ends() {
        when(model.evaluate(TARIFF.evalModel(), REQUEST))
                .thenReturn(new LanguageModel.Evaluation(false, "no", EVAL_USAGE));
        fixture.givenAPublished(created())
                .whenPublishingA(evalPaid())
                .expectDispatchedCommands(new RecordEvaluation(JOB, false, "no", TARIFF.evalModel(), EVAL_USAGE))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_paid_work_invoice_runs_the_work_model_completes_and_ends_the_saga() {
        when(model.work(eq(TARIFF.workModel()), eq(REQUEST), anyLong()))
                .thenReturn(new LanguageModel.WorkResult("haiku", WORK_USAGE));
        accepts();
        fixture.givenAPublished(evalPaid())
                .whenPublishingA(workPaid())
                .expectDispatchedCommands(new CompleteWork(JOB, "haiku", TARIFF.workModel(), WORK_USAGE))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_saga_stored_before_it_recorded_the_quotes_output_estimate_caps_the_work_at_the_adapters_ceiling() {
        when(model.work(eq(TARIFF.workModel()), eq(REQUEST), anyLong()))
                .thenReturn(new LanguageModel.WorkResult("haiku", WORK_USAGE));
        // such a saga holds no estimate, as after a quote that has none
        WorkQuote noEstimate = new WorkQuote("short", 38, 60, 0, QUOTE.tokenCostUsd(), QUOTE.infraCostUsd(),
                QUOTE.totalUsd(), 129, PRICE, TARIFF);
        fixture.setCallbackBehavior((command, metaData) -> command instanceof QuoteWork ? noEstimate : null);
        accepts();
        fixture.givenAPublished(evalPaid())
                .whenPublishingA(workPaid());
        org.mockito.Mockito.verify(model).work(TARIFF.workModel(), REQUEST, LanguageModel.MAX_OUTPUT_TOKENS);
    }

    @Test
    void a_transient_model_failure_is_retried_on_a_deadline() {
        when(model.work(anyString(), anyString(), anyLong()))
                .thenThrow(new LanguageModelException("overloaded", true))
                .thenReturn(new LanguageModel.WorkResult("haiku", WORK_USAGE));
        accepts();
        fixture.givenAPublished(evalPaid())
                .whenPublishingA(workPaid())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), JobPaymentSaga.RETRY);
    }

    @Test
    void the_retry_deadline_runs_the_step_again() {
        when(model.work(anyString(), anyString(), anyLong()))
                .thenThrow(new LanguageModelException("overloaded", true))
                .thenReturn(new LanguageModel.WorkResult("haiku", WORK_USAGE));
        accepts();
        fixture.givenAPublished(evalPaid())
                .andThenAPublished(workPaid())
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new CompleteWork(JOB, "haiku", TARIFF.workModel(), WORK_USAGE));
    }

    @Test
    void a_failure_after_the_evaluation_retries_only_the_step_that_failed() {
        accepts();
        when(lightning.createInvoice(eq(129L), anyString(), eq(EXPIRY)))
                .thenThrow(new LightningException("down", true))
                .thenReturn(workInvoice);
        fixture.givenAPublished(created())
                .andThenAPublished(evalPaid())
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(new IssueWorkInvoice(JOB, workInvoice));
    }

    @Test
    void no_price_to_quote_in_retries_the_quote_after_the_feed_says() {
        accepts();
        when(priceFeed.currentPrice())
                .thenThrow(new PriceUnavailableException("no live BTC price", Duration.ofSeconds(45)))
                .thenReturn(PRICE);
        fixture.givenAPublished(created())
                .whenPublishingA(evalPaid())
                .expectDispatchedCommands(new RecordEvaluation(JOB, true, "fine", TARIFF.evalModel(), EVAL_USAGE))
                .expectScheduledDeadlineWithName(Duration.ofSeconds(45), JobPaymentSaga.RETRY);
    }

    @Test
    void the_quote_retried_after_a_missing_price_issues_the_work_invoice() {
        accepts();
        when(priceFeed.currentPrice())
                .thenThrow(new PriceUnavailableException("no live BTC price", Duration.ofSeconds(45)))
                .thenReturn(PRICE);
        fixture.givenAPublished(created())
                .andThenAPublished(evalPaid())
                .whenTimeElapses(Duration.ofSeconds(45))
                .expectDispatchedCommands(new QuoteWork(JOB, PRICE), new IssueWorkInvoice(JOB, workInvoice));
    }

    @Test
    void the_provider_retry_after_sets_the_retry_delay() {
        when(model.evaluate(anyString(), anyString()))
                .thenThrow(new LanguageModelException("rate limited", true, Duration.ofSeconds(7), null));
        fixture.givenAPublished(created())
                .whenPublishingA(evalPaid())
                .expectScheduledDeadlineWithName(Duration.ofSeconds(7), JobPaymentSaga.RETRY);
    }

    @Test
    void retries_stop_after_the_bounded_attempts_and_the_job_fails_with_the_reason() {
        when(model.work(anyString(), anyString(), anyLong()))
                .thenThrow(new LanguageModelException("overloaded", true));
        accepts();
        fixture.givenAPublished(evalPaid())
                .andThenAPublished(workPaid())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectDispatchedCommands(new FailJob(JOB, "work failed: overloaded"));
    }

    @Test
    void a_permanent_failure_fails_the_job_at_once() {
        when(model.work(anyString(), anyString(), anyLong()))
                .thenThrow(new LanguageModelException("invalid model", false));
        accepts();
        fixture.givenAPublished(evalPaid())
                .whenPublishingA(workPaid())
                .expectDispatchedCommands(new FailJob(JOB, "work failed: invalid model"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_invoice_the_node_cannot_create_is_retried_then_fails_the_job() {
        when(lightning.createInvoice(anyLong(), anyString(), any())).thenThrow(new LightningException("down", true));
        fixture.givenAPublished(created())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectDispatchedCommands(new FailJob(JOB, "eval invoice failed: down"));
    }





    @Test
    void an_invoice_left_unpaid_schedules_nothing_the_payment_watcher_expires_the_job() {
        fixture.givenAPublished(created())
                .whenTimeElapses(Duration.ofSeconds(3601))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void expiry_ends_the_saga() {
        fixture.givenAPublished(created())
                .whenPublishingA(new JobExpired(JOB, evalInvoice.paymentHash(), JobState.AWAITING_EVAL_PAYMENT, T0))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void failure_ends_the_saga_and_its_deadlines() {
        fixture.givenAPublished(created())
                .whenPublishingA(new JobFailed(JOB, "x", JobState.AWAITING_EVAL_PAYMENT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
