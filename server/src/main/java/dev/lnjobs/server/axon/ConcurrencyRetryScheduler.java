package dev.lnjobs.server.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Re-dispatches a command that lost the race for its aggregate's next sequence number to another node: the event
 * store's unique key on (aggregate_identifier, sequence_number) refused the append and Axon raised a
 * {@link ConcurrencyException}. The retry loads the aggregate again, with the other node's events, and decides
 * afresh. Nothing else is retried: a rule violation stays a rule violation, and a duplicate first event
 * ({@code AggregateStreamCreationException}, two creations with one id) would only collide again.
 */
public final class ConcurrencyRetryScheduler implements RetryScheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyRetryScheduler.class);

    private final int maxRetries;
    private final Duration maxDelay;
    private final ScheduledExecutorService executor;

    ConcurrencyRetryScheduler(int maxRetries, Duration maxDelay, ScheduledExecutorService executor) {
        if (maxRetries < 0 || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("need maxRetries >= 0 and a positive maxDelay");
        }
        this.maxRetries = maxRetries;
        this.maxDelay = maxDelay;
        this.executor = executor;
    }

    public static ConcurrencyRetryScheduler withOwnThread(int maxRetries, Duration maxDelay) {
        return new ConcurrencyRetryScheduler(maxRetries, maxDelay, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-retry");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** {@code failures} holds every failed attempt so far, the last one included. */
    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!isConcurrencyConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        // Sent from a handler (a saga, a deadline): its transaction shares the failed one, which PostgreSQL has
        // aborted; the failure has to reach that handler's processor, which rolls back and handles the event again.
        if (CurrentUnitOfWork.isStarted()) {
            return false;
        }
        long delayMillis = delayMillis(failures.size());
        try {
            executor.schedule(dispatchTask, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
        log.info("Command {} lost a concurrent append ({}); retry {} of {} in {} ms",
                commandMessage.getCommandName(), lastFailure.getMessage(), failures.size(), maxRetries,
                delayMillis);
        return true;
    }

    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Random within the upper half of a window that grows with each attempt, up to maxDelay, so that the
     * nodes that collided do not collide again in step. */
    long delayMillis(int attempt) {
        long grown = maxDelay.toMillis() * attempt / Math.max(1, maxRetries);
        long window = Math.max(2, Math.min(maxDelay.toMillis(), grown));
        return ThreadLocalRandom.current().nextLong(window / 2, window + 1);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
