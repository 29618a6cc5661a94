package dev.lnjobs.server.axon;

import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * Keeps aggregates in memory between commands, and before each use reads the events appended after the cached
 * version (one indexed query, almost always empty) instead of every event of the aggregate. Axon's own caching
 * repository trusts its cache, which another node's appends would make stale: a payment confirmed here could then
 * be refused for an invoice issued there. Caught up, a cached aggregate decides on the same events a fresh load
 * would; an append racing it is still refused by the store's unique (aggregate, sequence), and a rolled-back unit of
 * work drops the entry it may have changed.
 */
public final class CatchUpCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore events;
    private final BoundedCache cache;

    private CatchUpCachingRepository(Builder<T> builder, EventStore events, BoundedCache cache) {
        super(builder);
        this.events = events;
        this.cache = cache;
    }

    /** The repository of {@code aggregateType}, built as Axon's aggregate configuration builds its default one. */
    public static <T> CatchUpCachingRepository<T> of(Class<T> aggregateType, Configuration configuration,
                                                     int capacity) {
        BoundedCache cache = new BoundedCache(capacity);
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(aggregateType)
                .aggregateModel(AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType,
                        configuration.parameterResolverFactory(), configuration.handlerDefinition(aggregateType)))
                .eventStore(configuration.eventStore())
                .repositoryProvider(configuration::repository)
                .spanFactory(configuration.getComponent(RepositorySpanFactory.class))
                .cache(cache);
        return new CatchUpCachingRepository<>(builder, configuration.eventStore(), cache);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && aggregate.version() != null) {
            DomainEventStream newer = events.readEvents(aggregateIdentifier, aggregate.version() + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }
}
