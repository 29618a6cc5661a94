package dev.lnjobs.server.compat;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionCommands.SettleRequest;
import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.FindSessionRequest;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.server.compat.CompatAnswer.Stop;
import dev.lnjobs.server.config.SessionProperties;
import dev.lnjobs.server.session.SessionAuthentication;
import dev.lnjobs.server.views.PendingView;
import dev.lnjobs.server.views.Views;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * The session flow behind the OpenAI- and Anthropic-compatible routes; the API key is the session's macaroon.
 *
 * <p>A plain call is an ordinary session request: {@code ReserveFunds}, then {@code SessionRequestSaga} evaluates,
 * works and settles at the actual cost, and this waits for the settlement. A streamed call reserves with
 * {@code streamed = true}: once the reservation holds, this thread runs the evaluation and the streaming work call
 * itself, writes the pieces as they come and sends the one {@code SettleRequest} (the aggregate ignores a second);
 * the saga only stands guard and releases the reservation, at no cost, if no settlement comes within
 * {@code SessionFlowSettings.streamGuard()} (this node died mid-stream). Either way the debit is the one
 * {@code RequestSettled} event, capped by the aggregate so that a session is never overdrawn.
 */
@Service
class CompatSessions {

    private static final Logger log = LoggerFactory.getLogger(CompatSessions.class);
    private static final String BEARER = "bearer ";
    private static final Duration RESERVE_WAIT = Duration.ofSeconds(5);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(10);

    private final Views views;
    private final SessionAuthentication authentication;
    private final LanguageModel languageModel;
    private final PriceFeed priceFeed;
    private final Tariff tariff;
    private final Duration requestWait;
    private final Clock clock;

    CompatSessions(Views views, SessionAuthentication authentication, LanguageModel languageModel,
                   PriceFeed priceFeed, Tariff tariff, SessionProperties properties, Clock clock) {
        this.views = views;
        this.authentication = authentication;
        this.languageModel = languageModel;
        this.priceFeed = priceFeed;
        this.tariff = tariff;
        this.requestWait = properties.requestWait();
        this.clock = clock;
    }

    /** The session whose macaroon came as {@code x-api-key} or {@code Authorization: Bearer}; 401 otherwise. */
    SessionView authenticate(String authorization, String apiKey) {
        String token = apiKey != null && !apiKey.isBlank() ? apiKey.strip() : bearer(authorization);
        String sessionId = authentication.sessionOf(token);
        SessionView session = views.find(new FindSession(sessionId), SessionView.class)
                .orElseThrow(() -> new CompatUnauthorized("the key's session does not exist"));
        authentication.requireUsable(session, token);
        return session;
    }

    /** A plain call: reserved, run by the saga, and answered once settled. */
    CompatAnswer run(SessionView session, CompatRequest request) {
        String requestId = UUID.randomUUID().toString();
        ReserveFunds reserve = new ReserveFunds(session.sessionId(), requestId, request.text(),
                priceFeed.currentPrice(), clock.instant(), request.reservedOutputTokens(), false);
        PendingView<SessionRequestView> settled = views.subscribe(new FindSessionRequest(requestId),
                SessionRequestView.class, v -> v.state().isSettled(), requestWait);
        SessionRequestView view = views.sendAndAwait(reserve, settled)
                .or(() -> views.find(new FindSessionRequest(requestId), SessionRequestView.class))
                .filter(v -> v.state().isSettled())
                .orElseThrow(() -> new CompatFailure(504, "the call is still running; read it later at GET /api/"
                        + "sessions/" + session.sessionId() + "/requests/" + requestId));
        if (view.state() == RequestState.FAILED) {
            throw new CompatFailure(500, "the model failed (" + view.reason() + "); nothing was charged");
        }
        return answer(view, request);
    }

    /**
     * A streamed call. A refusal of the reservation (402 and the like) is thrown before anything is written; after
     * that every outcome is an event of the stream, and the call is settled exactly once.
     */
    void stream(SessionView session, CompatRequest request, CompatStream out) {
        String requestId = UUID.randomUUID().toString();
        long maxOutput = request.reservedOutputTokens() != null ? request.reservedOutputTokens()
                : CompatRequest.MAX_OUTPUT_TOKENS;
        ReserveFunds reserve = new ReserveFunds(session.sessionId(), requestId, request.text(),
                priceFeed.currentPrice(), clock.instant(), maxOutput, true);
        views.sendAndAwait(reserve, views.subscribe(new FindSessionRequest(requestId), SessionRequestView.class,
                v -> true, RESERVE_WAIT));
        out.start(requestId, tariff.workModel());
        String sessionId = session.sessionId();
        LanguageModel.Evaluation evaluation;
        try {
            evaluation = languageModel.evaluate(tariff.evalModel(), request.text());
        } catch (LanguageModelException e) {
            failed(sessionId, requestId, "evaluation failed: " + e.getMessage(), out);
            return;
        }
        if (!evaluation.accepted()) {
            out.text(refusal(evaluation.reason()));
            out.finish(settle(sessionId, requestId, RequestState.REJECTED, null, evaluation, null, request));
            return;
        }
        LanguageModel.WorkResult work;
        try {
            work = languageModel.streamWork(tariff.workModel(), request.text(), maxOutput, out::text);
        } catch (LanguageModelException e) {
            failed(sessionId, requestId, "work failed: " + e.getMessage(), out);
            return;
        }
        out.finish(settle(sessionId, requestId, RequestState.COMPLETE, work.text(), evaluation, work.usage(),
                request));
    }

    private CompatAnswer settle(String sessionId, String requestId, RequestState outcome, String result,
                                LanguageModel.Evaluation evaluation, TokenUsage workUsage, CompatRequest request) {
        SettleRequest settle = new SettleRequest(sessionId, requestId, outcome, result, evaluation.reason(),
                evaluation.usage(), workUsage, priceFeed.settlementPrice(), clock.instant());
        SessionRequestView view = views.sendAndAwait(settle, views.subscribe(new FindSessionRequest(requestId),
                        SessionRequestView.class, v -> v.state().isSettled(), SETTLE_WAIT))
                .orElseThrow(() -> new IllegalStateException("request " + requestId + " settled but not shown"));
        return answer(view, request);
    }

    private void failed(String sessionId, String requestId, String reason, CompatStream out) {
        log.info("Session {}: streamed request {} failed: {}", sessionId, requestId, reason);
        views.sendAndAwait(new SettleRequest(sessionId, requestId, RequestState.FAILED, null, reason, null, null,
                priceFeed.settlementPrice(), clock.instant()), views.subscribe(new FindSessionRequest(requestId),
                SessionRequestView.class, v -> v.state().isSettled(), SETTLE_WAIT));
        out.fail(new CompatError(500, "the model failed (" + reason + "); nothing was charged", null, null));
    }

    private static CompatAnswer answer(SessionRequestView view, CompatRequest request) {
        RequestCost cost = view.cost();
        TokenUsage eval = cost.evalUsage() == null ? new TokenUsage(0, 0) : cost.evalUsage();
        TokenUsage work = cost.workUsage() == null ? new TokenUsage(0, 0) : cost.workUsage();
        Stop stop = view.state() == RequestState.REJECTED ? Stop.REFUSED
                : request.reservedOutputTokens() != null && work.outputTokens() >= request.reservedOutputTokens()
                ? Stop.MAX_TOKENS : Stop.END;
        String text = view.state() == RequestState.REJECTED ? refusal(view.reason()) : view.result();
        return new CompatAnswer(view.requestId(), cost.workModel(), text, stop,
                eval.inputTokens() + work.inputTokens(), eval.outputTokens() + work.outputTokens(),
                view.debitedSats() == null ? 0 : view.debitedSats(),
                view.balanceSats() == null ? 0 : view.balanceSats());
    }

    private static String refusal(String reason) {
        return "The request was refused by the evaluation: " + reason;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }
}
