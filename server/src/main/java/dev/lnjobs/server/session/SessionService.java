package dev.lnjobs.server.session;

import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.SessionCommands.CreateSession;
import dev.lnjobs.api.session.SessionCommands.RequestTopUp;
import dev.lnjobs.api.session.SessionCommands.ReserveFunds;
import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.FindSessionRequest;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionQueries.TopUpView;
import dev.lnjobs.api.session.SessionState;
import dev.lnjobs.api.session.SessionTerms;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.server.config.SessionProperties;
import dev.lnjobs.server.views.PendingView;
import dev.lnjobs.server.views.Views;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The pre-funded session flow behind {@code /api/sessions}: open one and wait for its deposit invoice, read one
 * (only read: payments are pushed, and the watcher catches the rest), run a request at today's BTC price and wait
 * for its settlement, top up. Every rule (deposit range, balance, pausing and resuming) is the {@code Session}
 * aggregate's; a refused command's exception propagates. Callers authenticate before they run a request or top up.
 */
@Service
class SessionService {

    private static final Duration INVOICE_WAIT = Duration.ofSeconds(10);

    /** A request that was reserved; {@code view} is null while its row is not readable yet. */
    record RequestRun(String sessionId, String requestId, SessionRequestView view) {
    }

    private final Views views;
    private final PriceFeed priceFeed;
    private final SessionTerms terms;
    private final Tariff tariff;
    private final Duration requestWait;
    private final Clock clock;

    SessionService(Views views, PriceFeed priceFeed, SessionTerms terms, Tariff tariff, SessionProperties properties,
                   Clock clock) {
        this.views = views;
        this.priceFeed = priceFeed;
        this.terms = terms;
        this.tariff = tariff;
        this.requestWait = properties.requestWait();
        this.clock = clock;
    }

    /** Opens a session; answers it once its deposit invoice is issued, or as it is after 10 s. */
    SessionView open(long depositSats) {
        return open(depositSats, null);
    }

    /** As {@link #open(long)}, recording the Lightning Address its balance is to be paid to when it ends. */
    SessionView open(long depositSats, String refundAddress) {
        String sessionId = UUID.randomUUID().toString();
        PendingView<SessionView> invoiced = views.subscribe(new FindSession(sessionId), SessionView.class,
                v -> v.depositInvoice() != null || v.state() == SessionState.EXPIRED, INVOICE_WAIT);
        return views.sendAndAwait(new CreateSession(sessionId, depositSats, terms, tariff, clock.instant(),
                        refundAddress), invoiced)
                .or(() -> find(sessionId)).orElseThrow();
    }

    Optional<SessionView> find(String sessionId) {
        return views.find(new FindSession(sessionId), SessionView.class);
    }

    /**
     * The session once its deposit shows paid, waiting up to {@code wait} for the view to catch up with a payment
     * just confirmed (an L402 client calls the moment its wallet paid); as it reads now when the wait runs out.
     */
    public Optional<SessionView> readOncePaid(String sessionId, Duration wait) {
        try (PendingView<SessionView> paid = views.subscribe(new FindSession(sessionId), SessionView.class,
                view -> view.state() != SessionState.AWAITING_PAYMENT, wait)) {
            return paid.await().or(() -> read(sessionId));
        }
    }

    /** The session as its view shows it: a read neither asks the node nor sends a command. */
    Optional<SessionView> read(String sessionId) {
        return find(sessionId);
    }

    /** Reserves the request's estimate at today's BTC price and waits (bounded) for its settlement. */
    RequestRun runRequest(String sessionId, String request) {
        String requestId = UUID.randomUUID().toString();
        // the price first: in production a refused quote (503) must come before any wait is opened, or it leaks
        ReserveFunds reserve = new ReserveFunds(sessionId, requestId, request, priceFeed.currentPrice(),
                clock.instant());
        PendingView<SessionRequestView> settled = views.subscribe(new FindSessionRequest(requestId),
                SessionRequestView.class, v -> v.state().isSettled(), requestWait);
        SessionRequestView view = views.sendAndAwait(reserve, settled)
                .or(() -> findRequest(requestId)).orElse(null);
        return new RequestRun(sessionId, requestId, view);
    }

    /** The request, if it is one of this session's. */
    Optional<SessionRequestView> findRequest(String sessionId, String requestId) {
        return findRequest(requestId).filter(v -> v.sessionId().equals(sessionId));
    }

    /** Asks for a top-up invoice; answers the top-up once its invoice is issued, or as it is after 10 s. */
    TopUpView topUp(String sessionId, long amountSats) {
        String topUpId = UUID.randomUUID().toString();
        PendingView<SessionView> invoiced = views.subscribe(new FindSession(sessionId), SessionView.class,
                v -> v.topUp() != null && v.topUp().topUpId().equals(topUpId)
                        && (v.topUp().invoice() != null || v.topUp().failure() != null), INVOICE_WAIT);
        TopUpView topUp = views.sendAndAwait(new RequestTopUp(sessionId, topUpId, amountSats, clock.instant()),
                        invoiced)
                .map(SessionView::topUp).orElse(new TopUpView(topUpId, amountSats, null, null));
        if (topUp.failure() != null) {
            throw new LightningException(topUp.failure(), true);
        }
        return topUp;
    }

    private Optional<SessionRequestView> findRequest(String requestId) {
        return views.find(new FindSessionRequest(requestId), SessionRequestView.class);
    }
}
