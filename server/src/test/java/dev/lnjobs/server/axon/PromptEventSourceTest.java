package dev.lnjobs.server.axon;

import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.sagas.job.JobPaymentSaga;
import dev.lnjobs.sagas.session.SessionSaga;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Which streams an arrival wakes, and which payload types a saga's manager says it handles. */
class PromptEventSourceTest {

    private final CountDownLatch closed = new CountDownLatch(1);
    private PromptEventSource source;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void source() throws InterruptedException {
        EventStore store = mock(EventStore.class);
        BlockingStream<TrackedEventMessage<?>> quiet = mock(BlockingStream.class);
        // a store with no new events: each look waits its timeout (or until the source closes) and finds nothing
        when(quiet.hasNextAvailable(anyInt(), any(TimeUnit.class))).thenAnswer(call -> {
            closed.await(call.getArgument(0, Integer.class), call.getArgument(1, TimeUnit.class));
            return false;
        });
        when(store.openStream(any())).thenReturn(quiet);
        source = new PromptEventSource(store);
    }

    @AfterEach
    void close() {
        closed.countDown();
        source.close();
    }

    @Test
    void aStreamIsNotWokenForArrivalsOfOnlyTheTypesItsProcessorSkips() {
        AtomicInteger wakes = new AtomicInteger();
        PromptEventSource.WakingStream stream = (PromptEventSource.WakingStream) source.openStream(null);
        stream.setOnAvailableCallback(wakes::incrementAndGet);

        assertThat(stream.wakeFor(Set.of(JobCreated.class))).isTrue(); // nothing skipped yet: woken for anything
        stream.skipMessagesWithPayloadTypeOf(message(JobCreated.class));
        stream.skipMessagesWithPayloadTypeOf(message(WorkQuoted.class));

        assertThat(stream.wakeFor(Set.of(JobCreated.class))).isFalse();
        assertThat(stream.wakeFor(Set.of(JobCreated.class, WorkQuoted.class))).isFalse();
        assertThat(stream.wakeFor(Set.of(JobCreated.class, SessionCreated.class))).isTrue();
        assertThat(wakes).hasValue(2);
    }

    @Test
    void aClosedStreamIsForgotten() {
        PromptEventSource.WakingStream stream = (PromptEventSource.WakingStream) source.openStream(null);
        AtomicInteger wakes = new AtomicInteger();
        stream.setOnAvailableCallback(wakes::incrementAndGet);
        stream.close();
        assertThat(source.openStreams()).doesNotContain(stream);
    }

    @Test
    void aSagaManagerHandlesOnlyItsEventTypes() {
        assertThat(SegmentLocalSagaManager.eventPayloadTypes(JobPaymentSaga.class))
                .contains(EvalInvoiceRequested.class, EvalInvoicePaid.class)
                .doesNotContain(JobCreated.class, WorkQuoted.class, SessionCreated.class);
        assertThat(SegmentLocalSagaManager.eventPayloadTypes(SessionSaga.class))
                .contains(SessionCreated.class)
                .doesNotContain(JobCreated.class);
    }

    @SuppressWarnings("unchecked")
    private static TrackedEventMessage<?> message(Class<?> payloadType) {
        TrackedEventMessage<Object> message = mock(TrackedEventMessage.class);
        doReturn(payloadType).when(message).getPayloadType();
        return message;
    }
}
