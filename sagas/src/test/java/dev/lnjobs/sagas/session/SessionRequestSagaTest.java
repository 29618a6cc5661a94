package dev.lnjobs.sagas.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.SettleRequest;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.pricing.PriceFeed;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SessionRequestSagaTest {

    private static final String SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private static final String REQUEST_ID = "0b5b7c4e-8f0e-4a43-9d5d-4c4b0c1f2e3a";
    private static final String REQUEST = "What is a satoshi?";
    private static final String EVAL_MODEL = "claude-haiku-4-5";
    private static final String WORK_MODEL = "claude-sonnet-4-6";
    private static final Instant NOW = Instant.parse("2026-11-25T12:05:00Z");
    private static final BtcPrice PRICE = new BtcPrice(new BigDecimal("97000"), BtcPrice.Source.LIVE, NOW);
    private static final TokenUsage EVAL_USAGE = new TokenUsage(35, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(55, 9);
    private static final RequestCost ESTIMATE = new RequestCost(EVAL_MODEL, new TokenUsage(55, 200),
            new BigDecimal("0.000844"), WORK_MODEL, new TokenUsage(55, 200), new BigDecimal("0.003165"),
            new BigDecimal("0.1"), new BigDecimal("0.13001125"), 131, PRICE);

    private SagaTestFixture<SessionRequestSaga> fixture;
    private LanguageModel model;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SessionRequestSaga.class);
        model = mock(LanguageModel.class);
        PriceFeed priceFeed = () -> PRICE;
        fixture.registerResource(model);
        fixture.registerResource(priceFeed);
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(new SessionFlowSettings(Duration.ofHours(1), 3, Duration.ofSeconds(1)));
    }

    private static FundsReserved reserved() {
        return new FundsReserved(SESSION, REQUEST_ID, REQUEST, ESTIMATE, 131, NOW);
    }

    private static SettleRequest settle(RequestState outcome, String result, String reason, TokenUsage eval,
                                        TokenUsage work) {
        return new SettleRequest(SESSION, REQUEST_ID, outcome, result, reason, eval, work, PRICE, NOW);
    }

    @Test
    void a_reserved_request_is_evaluated_worked_and_settled_at_the_current_price() {
        when(model.evaluate(EVAL_MODEL, REQUEST)).thenReturn(new LanguageModel.Evaluation(true, "fine", EVAL_USAGE));
        when(model.work(eq(WORK_MODEL), eq(REQUEST), anyLong()))
                .thenReturn(new LanguageModel.WorkResult("answer", WORK_USAGE));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved())
                .expectActiveSagas(1)
                .expectDispatchedCommands(settle(RequestState.COMPLETE, "answer", "fine", EVAL_USAGE, WORK_USAGE));
    }

    @Test
    void the_work_call_writes_no_more_output_tokens_than_the_reservation_held_back_for() {
        when(model.evaluate(EVAL_MODEL, REQUEST)).thenReturn(new LanguageModel.Evaluation(true, "fine", EVAL_USAGE));
        when(model.work(eq(WORK_MODEL), eq(REQUEST), anyLong()))
                .thenReturn(new LanguageModel.WorkResult("answer", WORK_USAGE));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved());
        verify(model).work(WORK_MODEL, REQUEST, ESTIMATE.workUsage().outputTokens());
        org.assertj.core.api.Assertions.assertThat(ESTIMATE.workUsage().outputTokens())
                .isLessThan(LanguageModel.MAX_OUTPUT_TOKENS);
    }

    @Test
    void a_rejected_request_is_settled_with_its_evaluation_alone_and_no_work_runs() {
        when(model.evaluate(EVAL_MODEL, REQUEST)).thenReturn(new LanguageModel.Evaluation(false, "no", EVAL_USAGE));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved())
                .expectDispatchedCommands(settle(RequestState.REJECTED, null, "no", EVAL_USAGE, null));
        verify(model, never()).work(anyString(), anyString(), anyLong());
    }

    @Test
    void a_transient_work_failure_is_retried_on_a_deadline_without_evaluating_again() {
        when(model.evaluate(EVAL_MODEL, REQUEST)).thenReturn(new LanguageModel.Evaluation(true, "fine", EVAL_USAGE));
        when(model.work(eq(WORK_MODEL), eq(REQUEST), anyLong()))
                .thenThrow(new LanguageModelException("overloaded", true))
                .thenReturn(new LanguageModel.WorkResult("answer", WORK_USAGE));
        fixture.givenAPublished(reserved())
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommands(settle(RequestState.COMPLETE, "answer", "fine", EVAL_USAGE, WORK_USAGE));
        verify(model, times(1)).evaluate(EVAL_MODEL, REQUEST);
    }

    @Test
    void the_first_failure_schedules_the_retry_and_settles_nothing() {
        when(model.evaluate(anyString(), anyString())).thenThrow(new LanguageModelException("overloaded", true));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), SessionRequestSaga.RETRY);
    }

    @Test
    void the_provider_retry_after_sets_the_retry_delay() {
        when(model.evaluate(anyString(), anyString()))
                .thenThrow(new LanguageModelException("rate limited", true, Duration.ofSeconds(7), null));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved())
                .expectScheduledDeadlineWithName(Duration.ofSeconds(7), SessionRequestSaga.RETRY);
    }

    @Test
    void retries_stop_after_the_bounded_attempts_and_the_request_fails_at_no_cost() {
        when(model.evaluate(anyString(), anyString())).thenThrow(new LanguageModelException("overloaded", true));
        fixture.givenAPublished(reserved())
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectDispatchedCommands(settle(RequestState.FAILED, null, "evaluation failed: overloaded", null,
                        null));
    }

    @Test
    void a_permanent_failure_fails_the_request_at_once() {
        when(model.evaluate(EVAL_MODEL, REQUEST)).thenReturn(new LanguageModel.Evaluation(true, "fine", EVAL_USAGE));
        when(model.work(anyString(), anyString(), anyLong()))
                .thenThrow(new LanguageModelException("invalid model", false));
        fixture.givenNoPriorActivity()
                .whenPublishingA(reserved())
                .expectDispatchedCommands(settle(RequestState.FAILED, null, "work failed: invalid model", null, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void settlement_ends_the_saga() {
        when(model.evaluate(anyString(), anyString())).thenThrow(new LanguageModelException("overloaded", true));
        fixture.givenAPublished(new FundsReserved(SESSION, REQUEST_ID, REQUEST, ESTIMATE, 131, NOW))
                .whenPublishingA(new RequestSettled(SESSION, REQUEST_ID, RequestState.COMPLETE, "answer", "fine",
                        ESTIMATE, 131, 126, 0, 374, NOW.plus(Duration.ofHours(24)), NOW))
                .expectActiveSagas(0);
    }

    @Test
    void a_streamed_request_runs_no_model_and_only_guards_its_reservation() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new FundsReserved(SESSION, REQUEST_ID, REQUEST, ESTIMATE, 131, NOW, true))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofMinutes(15), SessionRequestSaga.STREAM_GUARD);
        verify(model, never()).evaluate(anyString(), anyString());
    }

    @Test
    void a_streamed_request_its_caller_never_settles_is_released_at_no_cost() {
        fixture.givenAPublished(new FundsReserved(SESSION, REQUEST_ID, REQUEST, ESTIMATE, 131, NOW, true))
                .whenTimeElapses(Duration.ofMinutes(15))
                .expectDispatchedCommands(settle(RequestState.FAILED, null,
                        "the streaming caller did not settle in time", null, null));
    }

    @Test
    void a_streamed_request_settled_by_its_caller_cancels_the_guard() {
        fixture.givenAPublished(new FundsReserved(SESSION, REQUEST_ID, REQUEST, ESTIMATE, 131, NOW, true))
                .whenPublishingA(new RequestSettled(SESSION, REQUEST_ID, RequestState.COMPLETE, "answer", "fine",
                        ESTIMATE, 131, 126, 0, 374, NOW.plus(Duration.ofHours(24)), NOW))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
