package dev.lnjobs.server.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.FindBootstrap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads of the bootstrap projection, optionally waiting (bounded) until the view shows what a write led to. */
@Component
class BootstrapReads {

    private final QueryGateway queries;

    BootstrapReads(QueryGateway queries) {
        this.queries = queries;
    }

    Optional<BootstrapView> find(String bootstrapId) {
        return Optional.ofNullable(queries.query(new FindBootstrap(bootstrapId),
                ResponseTypes.instanceOf(BootstrapView.class)).join());
    }

    /** Opens a subscription before the write, so no update between the write and the read is missed. */
    SubscriptionQueryResult<BootstrapView, BootstrapView> subscribe(String bootstrapId) {
        return queries.subscriptionQuery(new FindBootstrap(bootstrapId), ResponseTypes.instanceOf(BootstrapView.class),
                ResponseTypes.instanceOf(BootstrapView.class));
    }

    static Optional<BootstrapView> awaitView(SubscriptionQueryResult<BootstrapView, BootstrapView> subscription,
                                             Predicate<BootstrapView> until, Duration timeout) {
        try (subscription) {
            return Flux.concat(subscription.initialResult().flux(), subscription.updates())
                    .filter(view -> view != null && until.test(view))
                    .next()
                    .timeout(timeout, Mono.empty())
                    .blockOptional();
        }
    }
}
