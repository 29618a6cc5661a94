package dev.lnjobs.server.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event store as a source for pooled streaming processors, waking them the moment new events can be read.
 * Axon's embedded store gives pooled processors no availability callback, so an idle one only looked again every
 * 500 ms. Here one watcher thread tails the store itself: the store's producer signals its tailing readers as soon
 * as it has fetched new events (at once after a commit on this node, on its fetch delay for other nodes' events),
 * and the watcher then wakes every open stream, once for everything that arrived together.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean open = true;

    public PromptEventSource(EventStore store) {
        this.store = store;
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
                    do {
                        tail.nextAvailable(); // payloads stay serialized: only the arrival matters here
                    } while (tail.hasNextAvailable());
                    callbacks.forEach(Runnable::run);
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

    @Override
    public void close() {
        open = false;
        watcher.interrupt();
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
