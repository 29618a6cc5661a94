package dev.lnjobs.query;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds events to projections through Axon's own handler adapters (so {@code @Timestamp} and {@code @SequenceNumber}
 * resolve as in the server), each in a unit of work whose Spring transaction commits. Each aggregate's events carry
 * sequence numbers 0, 1, 2... in the order fed, counting those no projection here handles, as its stream would.
 */
public final class EventFeed {

    private final TransactionManager transactions;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> fed = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-01T12:00:00Z");

    EventFeed(PlatformTransactionManager spring, Object... projections) {
        this.transactions = () -> {
            TransactionStatus status = spring.getTransaction(new DefaultTransactionDefinition());
            return new Transaction() {
                @Override
                public void commit() {
                    spring.commit(status);
                }

                @Override
                public void rollback() {
                    spring.rollback(status);
                }
            };
        };
        this.handlers = adapters(projections);
    }

    /** The time the next event is stamped with. */
    public Instant now() {
        return now;
    }

    public EventFeed startingAt(Instant start) {
        now = start;
        return this;
    }

    public EventFeed advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** The event, as the next of its aggregate, one second after the previous one; a handler's failure is thrown. */
    public void publish(String aggregateId, Object event) {
        now = now.plusSeconds(1);
        long sequence = sequences.merge(aggregateId, 0L, (last, first) -> last + 1);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Test", aggregateId, sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), now);
        fed.add(message);
        handle(message);
    }

    /** What a processor's reset does: every {@code @ResetHandler}, in a transaction. */
    public void reset() {
        transactions.executeInTransaction(() -> handlers.forEach(AnnotationEventHandlerAdapter::prepareReset));
    }

    /** Every event fed so far, again, with its sequence number and time, into these projections: a replay. */
    public void replayInto(Object... projections) {
        List<AnnotationEventHandlerAdapter> replaying = adapters(projections);
        fed.forEach(message -> handle(replaying, message));
    }

    private static List<AnnotationEventHandlerAdapter> adapters(Object... projections) {
        return Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList();
    }

    private void handle(DomainEventMessage<?> message) {
        handle(handlers, message);
    }

    private void handle(List<AnnotationEventHandlerAdapter> candidates, DomainEventMessage<?> message) {
        List<AnnotationEventHandlerAdapter> handling = candidates.stream().filter(h -> h.canHandle(message)).toList();
        if (handling.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter handler : handling) {
                handler.handle(message);
            }
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }
}
