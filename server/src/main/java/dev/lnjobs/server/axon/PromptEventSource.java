package dev.lnjobs.server.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The event store as a source for pooled streaming processors, waking them the moment new events can be read.
 * Axon's embedded store gives pooled processors no availability callback, so an idle one only looked again every
 * 500 ms. Here one watcher thread tails the store itself: the store's producer signals its tailing readers as soon
 * as it has fetched new events (at once after a commit on this node, on its fetch delay for other nodes' events),
 * and the watcher then wakes the open streams, once for everything that arrived together.
 * <p>
 * It wakes only the streams whose processor may handle something that arrived. A pooled processor's coordinator tells
 * its stream, through {@link BlockingStream#skipMessagesWithPayloadTypeOf}, each payload type it has no handler for
 * (it asks only when none of its segments took the event and its filter cannot handle the type at all); a stream
 * that has been told to skip every type of an arrival is not woken for it. Without this, each of the eleven pooled
 * processors woke, read and scheduled all its work packages for every job event, although only the job saga's
 * processors handle them. The skipped types are learned per stream and start empty when a coordinator opens a new
 * one.
 * <p>
 * The stream also leaves the skipped events out of what it hands its coordinator. A coordinator offers every event
 * it reads to each of its work packages, and checks each package's queue length (a linked queue, counted in O(n))
 * before each event: a processor not woken read the few thousand events of its delayed round (every few seconds,
 * when it extends its claims) all at once, and those checks were a twentieth of the server's CPU under load. A
 * skipped event is still handed out when nothing follows it yet, or when the stream has handed out nothing for
 * {@link #PASS_EVERY}: the token of each event covers every event before it, so the processor's token keeps
 * moving, and reaches the head whenever the store is quiet.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    /** The longest a stream goes without handing out an event while it drops skipped ones. */
    static final Duration PASS_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final EventStore store;
    private final Set<WakingStream> streams = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private final LongSupplier nanoTime;
    private volatile boolean open = true;

    public PromptEventSource(EventStore store) {
        this(store, System::nanoTime);
    }

    /** With the clock the streams time {@link #PASS_EVERY} by (tests turn it by hand). */
    PromptEventSource(EventStore store, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
        this.watcher = new Thread(this::watch, "event-source-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        BlockingStream<TrackedEventMessage<?>> tail = null;
        while (open) {
            try {
                if (tail == null) {
                    tail = store.openStream(store.createHeadToken());
                }
                if (tail.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    Set<Class<?>> arrived = new HashSet<>();
                    do {
                        // payloads stay serialized: the type comes from the stored type name
                        arrived.add(tail.nextAvailable().getPayloadType());
                    } while (tail.hasNextAvailable());
                    streams.forEach(stream -> stream.wakeFor(arrived));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Event source watcher: {}; reopening", e.toString());
                tail = closeQuietly(tail);
                pause();
            }
        }
        closeQuietly(tail);
    }

    private static BlockingStream<TrackedEventMessage<?>> closeQuietly(BlockingStream<TrackedEventMessage<?>> tail) {
        if (tail != null) {
            try {
                tail.close();
            } catch (RuntimeException e) {
                log.debug("closing the watcher's stream failed", e);
            }
        }
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new WakingStream(store.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    /** The streams the watcher wakes (those that have registered their callback and are not closed). */
    Set<WakingStream> openStreams() {
        return Set.copyOf(streams);
    }

    @Override
    public void close() {
        open = false;
        watcher.interrupt();
    }

    /**
     * A store stream that remembers what its processor skips, leaves those events out (but for the last of a burst)
     * and is woken for the rest. Only the processor's coordinator thread reads it; the watcher only wakes it.
     */
    final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final Set<Class<?>> skipped = ConcurrentHashMap.newKeySet();
        private volatile Runnable callback;
        /** The event {@link #peek} shows and {@link #nextAvailable} hands out next, already taken from the store. */
        private TrackedEventMessage<?> ready;
        /** The last skipped event taken, handed out only if nothing follows it. */
        private TrackedEventMessage<?> held;
        private long handedOutAt = nanoTime.getAsLong();

        private WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(next());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return next() != null || delegate.hasNextAvailable(timeout, unit) && next() != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event;
            while ((event = next()) == null) {
                delegate.hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS);
            }
            ready = null;
            handedOutAt = nanoTime.getAsLong();
            return event;
        }

        /**
         * The next event to hand out without waiting, or null: takes what the store has, drops each skipped event
         * that another follows at once, and settles on the first other event, on a skipped one once the stream has
         * handed out nothing for {@link #PASS_EVERY}, or on the last skipped one when the store has no more.
         */
        private TrackedEventMessage<?> next() {
            while (ready == null) {
                Optional<TrackedEventMessage<?>> head = delegate.peek();
                if (head.isEmpty()) {
                    ready = held;
                    held = null;
                    break;
                }
                try {
                    delegate.nextAvailable(); // available, so it does not wait: it is the head just peeked
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                TrackedEventMessage<?> event = head.get();
                if (skipped.contains(event.getPayloadType())
                        && nanoTime.getAsLong() - handedOutAt < PASS_EVERY.toNanos()) {
                    held = event;
                } else {
                    ready = event;
                    held = null;
                }
            }
            return ready;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skipped.add(ignoredMessage.getPayloadType());
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            streams.add(this);
            return true;
        }

        /** Runs the coordinator's callback unless every type that arrived is one its processor skips. */
        boolean wakeFor(Set<Class<?>> arrived) {
            Runnable registered = callback;
            if (registered == null || skipped.containsAll(arrived)) {
                return false;
            }
            registered.run();
            return true;
        }

        @Override
        public void close() {
            streams.remove(this);
            delegate.close();
        }
    }
}
