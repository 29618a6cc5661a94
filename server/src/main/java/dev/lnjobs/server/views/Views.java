package dev.lnjobs.server.views;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads of the read models through the query bus, and the one "send a command, then wait for the view" of the
 * application services.
 * <p>
 * Why two ways of waiting: sessions and bootstraps are read through subscription queries, because their
 * projections (JPA, on pooled processors) emit each new view to subscribers. Jobs are read through
 * {@code JobReads} instead: a job's status is the hottest read of the service, so it is read straight from the
 * tables its subscribing projections write in the command's transaction, and a wait on it must hold no thread
 * (long polls) and notice changes projected on other nodes, which emit no update here. Both kinds of wait are a
 * {@link PendingView} and go through {@link #sendAndAwait}.
 */
@Component
public class Views {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public Views(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** The view a query answers, or empty when it answers null (no such thing). */
    public <V> Optional<V> find(Object query, Class<V> type) {
        return Optional.ofNullable(queries.query(query, ResponseTypes.instanceOf(type)).join());
    }

    /**
     * Opens a wait for the first view {@code query} answers that satisfies {@code until}: the subscription is
     * registered now, the view is read when {@link PendingView#await} is called.
     */
    public <V> PendingView<V> subscribe(Object query, Class<V> type, Predicate<V> until, Duration timeout) {
        SubscriptionQueryResult<V, V> subscription = queries.subscriptionQuery(query, ResponseTypes.instanceOf(type),
                ResponseTypes.instanceOf(type));
        return new PendingView<>() {
            @Override
            public Optional<V> await() {
                return Flux.concat(subscription.initialResult().flux(), subscription.updates())
                        .filter(view -> view != null && until.test(view))
                        .next()
                        .timeout(timeout, Mono.empty())
                        .blockOptional();
            }

            @Override
            public void close() {
                subscription.close();
            }
        };
    }

    /**
     * Sends the command, then waits for the view it leads to. The wait is always closed: after it answers, at its
     * timeout, and when the command is refused (whose exception then propagates unchanged).
     */
    public <V> Optional<V> sendAndAwait(Object command, PendingView<V> view) {
        try (view) {
            commands.sendAndWait(command);
            return view.await();
        }
    }
}
