package dev.lnjobs.query.session;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.RequestCost;
import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionEvents.SessionActivated;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.SessionPaused;
import dev.lnjobs.api.session.SessionEvents.TopUpFailed;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import dev.lnjobs.api.session.SessionEvents.TopUpRequested;
import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.FindSessionRequest;
import dev.lnjobs.api.session.SessionQueries.InvoiceView;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.query.EventFeed;
import dev.lnjobs.query.ProjectionTest;
import dev.lnjobs.query.QueryAnswers;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static dev.lnjobs.query.Fixtures.id;
import static dev.lnjobs.query.Fixtures.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** {@link SessionProjection} and {@link SessionRequestProjection}, fed together as their processing group is. */
class SessionProjectionTest extends ProjectionTest {

    private static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.LIVE,
            Instant.parse("2026-12-01T12:00:00Z"));

    @Autowired
    SessionRepository sessionRows;
    @Autowired
    SessionRequestRepository requestRows;

    private final QueryUpdateEmitter updates = mock(QueryUpdateEmitter.class);
    private final String sessionId = id("session");
    private EventFeed feed;
    private QueryAnswers sessions;
    private QueryAnswers requests;

    @BeforeEach
    void feed() {
        SessionProjection sessionProjection = new SessionProjection(sessionRows, updates);
        SessionRequestProjection requestProjection = new SessionRequestProjection(requestRows, updates);
        feed = feed(sessionProjection, requestProjection);
        sessions = new QueryAnswers(sessionProjection);
        requests = new QueryAnswers(requestProjection);
    }

    private SessionView session() {
        return sessions.ask(new FindSession(sessionId), SessionView.class);
    }

    private SessionRequestView request(String requestId) {
        return requests.ask(new FindSessionRequest(requestId), SessionRequestView.class);
    }

    /** Created, deposit of 500 paid, active until a day later. */
    private Invoice active() {
        feed.publish(sessionId, new SessionCreated(sessionId, 500, SessionTerms.defaults(), Tariff.defaults(),
                feed.now()));
        Invoice deposit = invoice(sessionId + "/deposit", 500, feed.now().plus(Duration.ofHours(1)));
        feed.publish(sessionId, new DepositInvoiceIssued(sessionId, deposit));
        feed.publish(sessionId, new DepositPaid(sessionId, deposit.paymentHash(), 500, 500, feed.now()));
        feed.publish(sessionId, new SessionActivated(sessionId, 500, feed.now().plus(Duration.ofHours(24))));
        return deposit;
    }

    private static RequestCost cost(long sats, TokenUsage work) {
        return new RequestCost("claude-haiku-4-5", new TokenUsage(100, 20), new BigDecimal("0.00016"),
                "claude-sonnet-4-6", work, new BigDecimal("0.0027"), new BigDecimal("0.1"),
                new BigDecimal("0.12857500"), sats, PRICE);
    }

    @Test
    void shows_a_paid_deposit_as_an_active_balance() {
        Instant createdAt = feed.now().plusSeconds(1);
        Invoice deposit = active();

        SessionView view = session();
        assertThat(view.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(view.depositSats()).isEqualTo(500);
        assertThat(view.balanceSats()).isEqualTo(500);
        assertThat(view.minimumBalanceSats()).isEqualTo(50);
        assertThat(view.depositInvoice()).isEqualTo(new InvoiceView(deposit.paymentHash(), deposit.paymentRequest(),
                500, deposit.expiresAt(), true));
        assertThat(view.expiresAt()).isEqualTo(feed.now().minusSeconds(1).plus(Duration.ofHours(24)));
        assertThat(view.createdAt()).isEqualTo(createdAt);
        assertThat(view.updatedAt()).isEqualTo(feed.now());
        assertThat(view.topUp()).isNull();
    }

    @Test
    void reserves_then_debits_a_request_and_keeps_its_cost_accounting() {
        active();
        String requestId = id("request");
        feed.publish(sessionId, new FundsReserved(sessionId, requestId, "Explain Lightning",
                cost(129, new TokenUsage(55, 200)), 160, feed.now()));

        assertThat(session()).extracting(SessionView::reservedSats, SessionView::balanceSats,
                SessionView::requestCount).containsExactly(160L, 500L, 1);
        SessionRequestView running = request(requestId);
        assertThat(running.state()).isEqualTo(RequestState.RUNNING);
        assertThat(running.estimatedSats()).isEqualTo(129);
        assertThat(running.reservedSats()).isEqualTo(160);
        assertThat(running.cost()).isNull();

        Instant settledAt = feed.now();
        Instant expiresAt = settledAt.plus(Duration.ofHours(24));
        feed.publish(sessionId, new RequestSettled(sessionId, requestId, RequestState.COMPLETE, "It pays.", null,
                cost(126, new TokenUsage(61, 180)), 160, 126, 0, 374, expiresAt, settledAt));

        SessionView view = session();
        assertThat(view).extracting(SessionView::reservedSats, SessionView::balanceSats,
                SessionView::debitedTotalSats).containsExactly(0L, 374L, 126L);
        assertThat(view.expiresAt()).isEqualTo(expiresAt);
        SessionRequestView settled = request(requestId);
        assertThat(settled.state()).isEqualTo(RequestState.COMPLETE);
        assertThat(settled.result()).isEqualTo("It pays.");
        assertThat(settled.debitedSats()).isEqualTo(126);
        assertThat(settled.uncollectedSats()).isZero();
        assertThat(settled.balanceSats()).isEqualTo(374);
        assertThat(settled.settledAt()).isEqualTo(settledAt);
        assertThat(settled.cost().amountSats()).isEqualTo(126);
        assertThat(settled.cost().workUsage()).isEqualTo(new TokenUsage(61, 180));
        assertThat(settled.cost().totalUsd()).isEqualByComparingTo("0.128575");
        assertThat(settled.cost().btcPrice().source()).isEqualTo(BtcPrice.Source.LIVE);
        assertThat(settled.cost().btcPrice().usd()).isEqualByComparingTo("100000");
    }

    @Test
    void pauses_below_the_minimum_and_resumes_on_a_paid_top_up() {
        active();
        feed.publish(sessionId, new SessionPaused(sessionId, 40, 50));
        assertThat(session().state()).isEqualTo(SessionState.PAUSED);
        assertThat(session().balanceSats()).isEqualTo(40);

        feed.publish(sessionId, new TopUpRequested(sessionId, "topup-1", 200, feed.now()));
        assertThat(session().topUp()).isEqualTo(new TopUpView("topup-1", 200, null, null));
        Invoice topUp = invoice(sessionId + "/topup-1", 200, feed.now().plus(Duration.ofHours(1)));
        feed.publish(sessionId, new TopUpInvoiceIssued(sessionId, "topup-1", topUp));
        feed.publish(sessionId, new TopUpPaid(sessionId, "topup-1", topUp.paymentHash(), 200, 240, feed.now()));
        feed.publish(sessionId, new SessionActivated(sessionId, 240, feed.now().plus(Duration.ofHours(24))));

        SessionView view = session();
        assertThat(view.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(view.balanceSats()).isEqualTo(240);
        assertThat(view.topUp()).isEqualTo(new TopUpView("topup-1", 200, new InvoiceView(topUp.paymentHash(),
                topUp.paymentRequest(), 200, topUp.expiresAt(), true), null));
    }

    @Test
    void shows_only_the_latest_top_up() {
        active();
        feed.publish(sessionId, new TopUpRequested(sessionId, "topup-1", 200, feed.now()));
        feed.publish(sessionId, new TopUpFailed(sessionId, "topup-1", "node unreachable"));
        assertThat(session().topUp().failure()).isEqualTo("node unreachable");

        feed.publish(sessionId, new TopUpRequested(sessionId, "topup-2", 300, feed.now()));
        // The first top-up's invoice arrives late: it is not the one shown.
        feed.publish(sessionId, new TopUpInvoiceIssued(sessionId, "topup-1",
                invoice(sessionId + "/topup-1", 200, feed.now().plus(Duration.ofHours(1)))));

        assertThat(session().topUp()).isEqualTo(new TopUpView("topup-2", 300, null, null));
    }

    @Test
    void shows_an_expired_session_with_its_reason_and_what_is_left() {
        active();
        feed.publish(sessionId, new SessionExpired(sessionId, 500, "no request for 24 h"));

        assertThat(session()).extracting(SessionView::state, SessionView::balanceSats, SessionView::expiryReason)
                .containsExactly(SessionState.EXPIRED, 500L, "no request for 24 h");
    }

    @Test
    void pushes_each_change_to_the_sessions_subscribers_only() {
        active();

        assertThat(QueryAnswers.pushed(updates, FindSession.class, new FindSession(sessionId), SessionView.class))
                .extracting(SessionView::state).containsExactly(SessionState.AWAITING_PAYMENT,
                        SessionState.AWAITING_PAYMENT, SessionState.AWAITING_PAYMENT, SessionState.ACTIVE);
        assertThat(QueryAnswers.pushed(updates, FindSession.class, new FindSession(id("session")),
                SessionView.class)).isEmpty();
    }

    @Test
    void answers_null_for_an_unknown_session_or_request() {
        assertThat(sessions.ask(new FindSession(id("session")), SessionView.class)).isNull();
        assertThat(requests.ask(new FindSessionRequest(id("request")), SessionRequestView.class)).isNull();
    }
}
