package dev.lnjobs.server.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Rows of the event table fetched on a thread of their own, handed over in batches through a short queue, so
 * the database and the network work while the caller reads and audits what already arrived.
 */
final class StoredEvents implements AutoCloseable {

    record StoredEvent(String aggregateId, String payloadType, byte[] payload) {
    }

    interface Sink {
        void accept(StoredEvent event) throws InterruptedException;
    }

    interface Fetch {
        void into(Sink sink) throws SQLException, InterruptedException;
    }

    /** Put last, whether fetching ended or failed; compared by identity. */
    private static final List<StoredEvent> END = Collections.unmodifiableList(new ArrayList<>());

    private final BlockingQueue<List<StoredEvent>> batches = new ArrayBlockingQueue<>(4);
    private final ExecutorService fetcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-fetch");
        thread.setDaemon(true);
        return thread;
    });
    private final Future<?> fetching;

    StoredEvents(Fetch fetch, int batchSize) {
        fetching = fetcher.submit(() -> {
            List<StoredEvent> batch = new ArrayList<>(batchSize);
            try {
                fetch.into(event -> {
                    batch.add(event);
                    if (batch.size() == batchSize) {
                        batches.put(new ArrayList<>(batch));
                        batch.clear();
                    }
                });
                if (!batch.isEmpty()) {
                    batches.put(batch);
                }
            } finally {
                batches.put(END); // a failed fetch still ends the caller's loop; its exception follows
            }
            return null;
        });
    }

    /** Every event in the order fetched; throws what made fetching fail. */
    void forEach(Consumer<StoredEvent> consumer) {
        try {
            for (List<StoredEvent> batch = batches.take(); batch != END; batch = batches.take()) {
                batch.forEach(consumer);
            }
            fetching.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the event store: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Stops fetching if the caller gave up early, which closes the statement and the connection. */
    @Override
    public void close() {
        fetching.cancel(true);
        fetcher.shutdownNow();
    }
}
