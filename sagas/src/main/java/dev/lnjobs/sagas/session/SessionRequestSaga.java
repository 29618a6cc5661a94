package dev.lnjobs.sagas.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.SettleRequest;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.retry.Failure;
import dev.lnjobs.sagas.retry.RetryPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one pre-paid request once its funds are reserved. States: evaluating → working (if accepted) → settled at
 * the actual cost and the current BTC price. A transient model failure is retried on a deadline, a bounded number
 * of times; then the request is settled as failed, which costs nothing.
 */
public class SessionRequestSaga {

    private static final Logger log = LoggerFactory.getLogger(SessionRequestSaga.class);
    static final String RETRY = "session-request-retry";
    static final String STREAM_GUARD = "session-request-stream-guard";

    /** The model call a retry deadline runs again. */
    public enum Step { EVALUATE, WORK }

    private String sessionId;
    private String requestId;
    private String request;
    private String evalModel;
    private String workModel;
    /** The reservation's output estimate: the work call writes no more than the balance held back for it. */
    private long maxOutputTokens;
    private TokenUsage evalUsage;
    private String verdict;
    private int failedAttempts;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient LanguageModel languageModel;
    @Autowired
    private transient PriceFeed priceFeed;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient SessionFlowSettings settings;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(FundsReserved event) {
        sessionId = event.sessionId();
        requestId = event.requestId();
        request = event.request();
        evalModel = event.estimate().evalModel();
        workModel = event.estimate().workModel();
        maxOutputTokens = event.estimate().workUsage().outputTokens();
        log.info("Session {}: request {} reserved {} sats", sessionId, requestId, event.reservedSats());
        if (event.streamed()) {
            // the caller streams the models itself and settles; if it never does (it died), the guard releases
            deadlines.schedule(settings.streamGuard(), STREAM_GUARD);
            return;
        }
        run(Step.EVALUATE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestSettled event) {
        deadlines.cancelAllWithinScope(STREAM_GUARD); // the settlement is the request's last fact
    }

    /** A streamed request its caller never settled: released as failed, which debits nothing. */
    @DeadlineHandler(deadlineName = STREAM_GUARD)
    void streamAbandoned() {
        log.info("Session {}: streamed request {} was not settled by its caller, released", sessionId, requestId);
        commands.sendAndWait(new SettleRequest(sessionId, requestId, RequestState.FAILED, null,
                "the streaming caller did not settle in time", null, null, priceFeed.settlementPrice(),
                clock.instant()));
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(Step step) {
        run(step);
    }

    private void run(Step step) {
        try {
            if (step == Step.EVALUATE) {
                LanguageModel.Evaluation evaluation = languageModel.evaluate(evalModel, request);
                evalUsage = evaluation.usage();
                verdict = evaluation.reason();
                failedAttempts = 0;
                if (!evaluation.accepted()) {
                    settle(RequestState.REJECTED, null, null);
                    return;
                }
            }
            LanguageModel.WorkResult work = languageModel.work(workModel, request,
                    maxOutputTokens > 0 ? maxOutputTokens : LanguageModel.MAX_OUTPUT_TOKENS);
            settle(RequestState.COMPLETE, work.text(), work.usage());
        } catch (LanguageModelException e) {
            retryOrFail(evalUsage == null ? Step.EVALUATE : Step.WORK, e);
        }
    }

    private void retryOrFail(Step step, LanguageModelException e) {
        failedAttempts++;
        RetryPolicy policy = settings.retryPolicy();
        Optional<Duration> delay = policy.next(failedAttempts, Failure.of(e), requestId);
        if (delay.isPresent()) {
            log.info("Session {}: request {} {} failed ({}), attempt {} of {}, retrying in {}", sessionId, requestId,
                    step, e.getMessage(), failedAttempts, policy.maxAttempts(), delay.get());
            deadlines.schedule(delay.get(), RETRY, step);
            return;
        }
        log.info("Session {}: request {} {} failed for good after {} attempt(s): {}", sessionId, requestId, step,
                failedAttempts, e.getMessage());
        String reason = (step == Step.EVALUATE ? "evaluation" : "work") + " failed: " + e.getMessage();
        commands.sendAndWait(new SettleRequest(sessionId, requestId, RequestState.FAILED, null, reason, null, null,
                priceFeed.settlementPrice(), clock.instant()));
    }

    private void settle(RequestState outcome, String result, TokenUsage workUsage) {
        commands.sendAndWait(new SettleRequest(sessionId, requestId, outcome, result, verdict, evalUsage, workUsage,
                priceFeed.settlementPrice(), clock.instant()));
    }
}
