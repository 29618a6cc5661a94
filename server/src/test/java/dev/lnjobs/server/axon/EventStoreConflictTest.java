package dev.lnjobs.server.axon;

import dev.lnjobs.server.support.ServerTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What PostgreSQL's unique key on (aggregate_identifier, sequence_number) becomes, as the retry sees it. */
class EventStoreConflictTest extends ServerTest {

    @Autowired
    EventStorageEngine eventStorageEngine;

    @Test
    void a_second_append_at_a_taken_sequence_is_a_retryable_concurrency_conflict() {
        String aggregate = UUID.randomUUID().toString();
        eventStorageEngine.appendEvents(event(aggregate, 0), event(aggregate, 1));

        assertThatThrownBy(() -> eventStorageEngine.appendEvents(event(aggregate, 1)))
                .isInstanceOf(ConcurrencyException.class)
                .satisfies(e -> assertThat(ConcurrencyRetryScheduler.isConcurrencyConflict(e)).isTrue());
    }

    @Test
    void a_second_first_event_is_a_duplicate_creation_which_is_not_retried() {
        String aggregate = UUID.randomUUID().toString();
        eventStorageEngine.appendEvents(event(aggregate, 0));

        assertThatThrownBy(() -> eventStorageEngine.appendEvents(event(aggregate, 0)))
                .isInstanceOf(AggregateStreamCreationException.class)
                .satisfies(e -> assertThat(ConcurrencyRetryScheduler.isConcurrencyConflict(e)).isFalse());
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("ConflictProbe", aggregate, sequence, "probe " + sequence);
    }
}
