package dev.lnjobs.server.views;

import java.util.Optional;

/**
 * A view being waited for: opened before the write it waits on, so that no change between the write and the read
 * is missed, and closed on every path, answered or not (try-with-resources).
 */
public interface PendingView<V> extends AutoCloseable {

    /** Blocks until the view shows what the wait was opened for, or its timeout passes (empty then). */
    Optional<V> await();

    @Override
    void close();
}
