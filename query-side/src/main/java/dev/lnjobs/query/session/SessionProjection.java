package dev.lnjobs.query.session;

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
import dev.lnjobs.api.session.SessionEvents.WithdrawalEvent;
import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import dev.lnjobs.api.session.SessionState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps {@code session_view} in step with the session events and pushes each change to subscribed readers. Shares
 * its processing group with {@link SessionRequestProjection}, so a request's row and its session's balance change
 * in the same transaction.
 */
@Component
@ProcessingGroup("sessions")
class SessionProjection {

    private final SessionRepository sessions;
    private final QueryUpdateEmitter updates;

    SessionProjection(SessionRepository sessions, QueryUpdateEmitter updates) {
        this.sessions = sessions;
        this.updates = updates;
    }

    @EventHandler
    void on(SessionCreated event, @Timestamp Instant at) {
        SessionEntity session = new SessionEntity();
        session.sessionId = event.sessionId();
        session.state = SessionState.AWAITING_PAYMENT;
        session.depositSats = event.depositSats();
        session.minimumBalanceSats = event.terms().minimumBalanceSats();
        session.refundAddress = event.refundAddress();
        session.createdAt = at;
        session.updatedAt = at;
        sessions.save(session);
        publish(session);
    }

    @EventHandler
    void on(DepositInvoiceIssued event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> session.depositInvoice(event.invoice()));
    }

    @EventHandler
    void on(DepositPaid event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.depositPaid = true;
            session.balanceSats = event.balanceSats();
        });
    }

    @EventHandler
    void on(SessionActivated event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.state = SessionState.ACTIVE;
            session.balanceSats = event.balanceSats();
            session.expiresAt = event.expiresAt();
        });
    }

    @EventHandler
    void on(SessionPaused event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.state = SessionState.PAUSED;
            session.balanceSats = event.balanceSats();
        });
    }

    @EventHandler
    void on(TopUpRequested event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> session.newTopUp(event.topUpId(), event.amountSats()));
    }

    @EventHandler
    void on(TopUpInvoiceIssued event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            if (event.topUpId().equals(session.topupId)) {
                session.topUpInvoice(event.invoice());
            }
        });
    }

    @EventHandler
    void on(TopUpFailed event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            if (event.topUpId().equals(session.topupId)) {
                session.topupFailure = event.reason();
            }
        });
    }

    @EventHandler
    void on(TopUpPaid event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.balanceSats = event.balanceSats();
            if (event.topUpId().equals(session.topupId)) {
                session.topupPaid = true;
            }
        });
    }

    @EventHandler
    void on(FundsReserved event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.reservedSats += event.reservedSats();
            session.requestCount++;
        });
    }

    @EventHandler
    void on(RequestSettled event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.reservedSats -= event.reservedSats();
            session.balanceSats = event.balanceSats();
            session.debitedTotalSats += event.debitedSats();
            session.expiresAt = event.expiresAt();
        });
    }

    @EventHandler
    void on(SessionExpired event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.state = SessionState.EXPIRED;
            session.balanceSats = event.balanceSats();
            session.expiryReason = event.reason();
        });
    }

    /** A withdrawal closes the session; its balance is what the escrow and its outcome left. */
    @EventHandler
    void on(WithdrawalEvent event, @Timestamp Instant at) {
        change(event.sessionId(), at, session -> {
            session.state = SessionState.CLOSED;
            session.balanceSats = event.balanceSats();
        });
    }

    @QueryHandler
    SessionView handle(FindSession query) {
        return sessions.findById(query.sessionId()).map(SessionEntity::toView).orElse(null);
    }

    private void change(String sessionId, Instant at, Consumer<SessionEntity> change) {
        SessionEntity session = sessions.findById(sessionId)
                .orElseThrow(() -> new IllegalStateException("session " + sessionId + " has no view row"));
        change.accept(session);
        session.updatedAt = at;
        publish(session);
    }

    private void publish(SessionEntity session) {
        SessionView view = session.toView();
        updates.emit(FindSession.class, query -> query.sessionId().equals(view.sessionId()), view);
    }
}
