package dev.lnjobs.query.session;

import dev.lnjobs.api.session.RequestState;
import dev.lnjobs.api.session.SessionEvents.FundsReserved;
import dev.lnjobs.api.session.SessionEvents.RequestSettled;
import dev.lnjobs.api.session.SessionQueries.FindSessionRequest;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/** Keeps {@code session_requests}: each request with its estimate, its actual cost and what it debited. */
@Component
@ProcessingGroup("sessions")
class SessionRequestProjection {

    private final SessionRequestRepository requests;
    private final QueryUpdateEmitter updates;

    SessionRequestProjection(SessionRequestRepository requests, QueryUpdateEmitter updates) {
        this.requests = requests;
        this.updates = updates;
    }

    @EventHandler
    void on(FundsReserved event) {
        SessionRequestEntity request = new SessionRequestEntity();
        request.requestId = event.requestId();
        request.sessionId = event.sessionId();
        request.state = RequestState.RUNNING;
        request.request = event.request();
        request.estimatedSats = event.estimate().amountSats();
        request.reservedSats = event.reservedSats();
        request.createdAt = event.requestedAt();
        requests.save(request);
        publish(request);
    }

    @EventHandler
    void on(RequestSettled event) {
        SessionRequestEntity request = requests.findById(event.requestId())
                .orElseThrow(() -> new IllegalStateException("request " + event.requestId() + " has no row"));
        request.state = event.outcome();
        request.result = event.result();
        request.reason = event.reason();
        request.cost(event.cost());
        request.debitedSats = event.debitedSats();
        request.uncollectedSats = event.uncollectedSats();
        request.balanceAfterSats = event.balanceSats();
        request.settledAt = event.settledAt();
        publish(request);
    }

    @QueryHandler
    SessionRequestView handle(FindSessionRequest query) {
        return requests.findById(query.requestId()).map(SessionRequestEntity::toView).orElse(null);
    }

    private void publish(SessionRequestEntity request) {
        SessionRequestView view = request.toView();
        updates.emit(FindSessionRequest.class, query -> query.requestId().equals(view.requestId()), view);
    }
}
