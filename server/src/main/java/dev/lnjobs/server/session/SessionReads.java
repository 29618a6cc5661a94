package dev.lnjobs.server.session;

import dev.lnjobs.api.session.SessionQueries.FindSession;
import dev.lnjobs.api.session.SessionQueries.FindSessionRequest;
import dev.lnjobs.api.session.SessionQueries.SessionRequestView;
import dev.lnjobs.api.session.SessionQueries.SessionView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads of the session projections, optionally waiting (bounded) until a view shows what a write led to. */
@Component
class SessionReads {

    private final QueryGateway queries;

    SessionReads(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<SessionView> find(String sessionId) {
        return Optional.ofNullable(queries.query(new FindSession(sessionId),
                ResponseTypes.instanceOf(SessionView.class)).join());
    }

    Optional<SessionRequestView> findRequest(String requestId) {
        return Optional.ofNullable(queries.query(new FindSessionRequest(requestId),
                ResponseTypes.instanceOf(SessionRequestView.class)).join());
    }

    /** Opens a subscription before the write, so no update between the write and the read is missed. */
    SubscriptionQueryResult<SessionView, SessionView> subscribe(String sessionId) {
        return queries.subscriptionQuery(new FindSession(sessionId), ResponseTypes.instanceOf(SessionView.class),
                ResponseTypes.instanceOf(SessionView.class));
    }

    SubscriptionQueryResult<SessionRequestView, SessionRequestView> subscribeRequest(String requestId) {
        return queries.subscriptionQuery(new FindSessionRequest(requestId),
                ResponseTypes.instanceOf(SessionRequestView.class), ResponseTypes.instanceOf(SessionRequestView.class));
    }

    static <T> Optional<T> awaitView(SubscriptionQueryResult<T, T> subscription, Predicate<T> until,
                                     Duration timeout) {
        try (subscription) {
            return Flux.concat(subscription.initialResult().flux(), subscription.updates())
                    .filter(view -> view != null && until.test(view))
                    .next()
                    .timeout(timeout, Mono.empty())
                    .blockOptional();
        }
    }
}
