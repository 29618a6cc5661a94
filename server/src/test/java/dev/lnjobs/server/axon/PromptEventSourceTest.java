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
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Which streams an arrival wakes, and which payload types a saga's manager says it handles. */
class PromptEventSourceTest {

    private static final TrackingToken STORED = mock(TrackingToken.class);

    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong nanos = new AtomicLong();
    /** What the store's stream opened at {@link #STORED} has for the stream under test. */
    private final QueueStream stored = new QueueStream();
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
        when(store.openStream(same(STORED))).thenReturn(stored);
        source = new PromptEventSource(store, nanos::get);
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
    void aStreamLeavesOutTheSkippedEventsThatOthersFollowAndHandsOutTheLastOfABurst() throws InterruptedException {
        PromptEventSource.WakingStream stream = (PromptEventSource.WakingStream) source.openStream(STORED);
        stored.add(event(JobCreated.class, "1"), event(SessionCreated.class, "2"));
        assertThat(handedOut(stream)).containsExactly("1", "2"); // nothing skipped yet

        stream.skipMessagesWithPayloadTypeOf(event(JobCreated.class, "0"));
        stored.add(event(JobCreated.class, "3"), event(SessionCreated.class, "4"), event(JobCreated.class, "5"),
                event(JobCreated.class, "6"), event(SessionCreated.class, "7"), event(JobCreated.class, "8"),
                event(JobCreated.class, "9"));
        // 9 goes out although skipped: nothing follows it, and its token covers 8 (the processor's token reaches
        // the head whenever the store is quiet)
        assertThat(handedOut(stream)).containsExactly("4", "7", "9");
        assertThat(stored.isEmpty()).isTrue();
    }

    @Test
    void whatPeekShowsIsWhatComesNextWhateverArrivesMeanwhile() throws InterruptedException {
        PromptEventSource.WakingStream stream = (PromptEventSource.WakingStream) source.openStream(STORED);
        stream.skipMessagesWithPayloadTypeOf(event(JobCreated.class, "0"));
        TrackedEventMessage<?> last = event(JobCreated.class, "1");
        stored.add(last);
        assertThat(stream.peek()).containsSame(last);

        stored.add(event(JobCreated.class, "2"), event(SessionCreated.class, "3"));
        assertThat(stream.peek()).containsSame(last);
        assertThat(stream.nextAvailable()).isSameAs(last);
        assertThat(handedOut(stream)).containsExactly("3");
    }

    @Test
    void aSkippedEventGoesOutWhenTheStreamHandedOutNothingForASecond() throws InterruptedException {
        PromptEventSource.WakingStream stream = (PromptEventSource.WakingStream) source.openStream(STORED);
        stream.skipMessagesWithPayloadTypeOf(event(JobCreated.class, "0"));
        stored.add(event(SessionCreated.class, "1"));
        assertThat(handedOut(stream)).containsExactly("1");

        nanos.addAndGet(PromptEventSource.PASS_EVERY.toNanos() - 1);
        stored.add(event(JobCreated.class, "2"), event(JobCreated.class, "3"), event(SessionCreated.class, "4"));
        assertThat(handedOut(stream)).containsExactly("4");

        nanos.addAndGet(PromptEventSource.PASS_EVERY.toNanos());
        stored.add(event(JobCreated.class, "5"), event(JobCreated.class, "6"), event(SessionCreated.class, "7"));
        assertThat(handedOut(stream)).containsExactly("5", "7");
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

    /** Reads the stream as a coordinator does, until it has nothing available. */
    private static List<String> handedOut(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            ids.add(stream.nextAvailable().getIdentifier());
        }
        return ids;
    }

    private static TrackedEventMessage<?> event(Class<?> payloadType, String id) {
        TrackedEventMessage<?> message = message(payloadType);
        doReturn(id).when(message).getIdentifier();
        return message;
    }

    @SuppressWarnings("unchecked")
    private static TrackedEventMessage<?> message(Class<?> payloadType) {
        TrackedEventMessage<Object> message = mock(TrackedEventMessage.class);
        doReturn(payloadType).when(message).getPayloadType();
        return message;
    }

    /** A store stream over a queue the test fills; it never waits. */
    private static final class QueueStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Queue<TrackedEventMessage<?>> events = new ConcurrentLinkedQueue<>();

        void add(TrackedEventMessage<?>... arrived) {
            events.addAll(List.of(arrived));
        }

        boolean isEmpty() {
            return events.isEmpty();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return Objects.requireNonNull(events.poll(), "nextAvailable on an empty stream");
        }

        @Override
        public void close() {
        }
    }
}
