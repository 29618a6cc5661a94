package dev.lnjobs.server.store;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How fast this server's event store appends on a database: {@code threads} writers, each writing paid jobs one
 * after the other as the job flow does ({@link JobHistory}: nine events in five transactions), through the storage
 * engine, serializer and transaction handling the server itself uses. A transaction's events count when it started
 * inside the measured time. It writes junk jobs, so it only runs on a database without events;
 * it creates the server's tables there first.
 */
public class AppendRate {

    /** The figures of one measurement; {@code eventsWritten} includes the warm-up's. */
    public record Result(int threads, double warmupSeconds, double seconds, long eventsAppended,
                         double eventsPerSecond, long transactions, double eventsPerTransaction, long eventsWritten) {
    }

    private final DataSource dataSource;
    private final EventStorageEngine storage;
    private final TransactionManager transactions;

    public AppendRate(DataSource dataSource, EventStorageEngine storage, TransactionManager transactions) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.transactions = transactions;
    }

    /** Appends for {@code warmup} unmeasured (so the JIT has compiled the path), then for {@code duration}. */
    public Result measure(int threads, Duration warmup, Duration duration) throws InterruptedException {
        if (threads < 1 || warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("need at least one thread and a positive duration");
        }
        Flyway.configure().dataSource(dataSource).load().migrate();
        Long existing = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM domain_event_entry",
                Long.class);
        if (existing != null && existing > 0) {
            throw new IllegalStateException("this database already holds " + existing + " events; the measurement "
                    + "appends junk jobs, so give it a database of its own");
        }
        AtomicLong written = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        AtomicLong transactionsMeasured = new AtomicLong();
        JobHistory history = new JobHistory(Instant.now());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        long from = System.nanoTime() + warmup.toNanos();
        long end = from + duration.toNanos();
        for (int i = 0; i < threads; i++) {
            Thread writer = new Thread(() -> {
                try {
                    appendUntil(history, from, end, written, measured, transactionsMeasured);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "append-rate-" + i);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - from) / 1e9;
        return new Result(threads, warmup.toMillis() / 1000.0, seconds, measured.get(), measured.get() / seconds,
                transactionsMeasured.get(), (double) measured.get() / Math.max(1, transactionsMeasured.get()),
                written.get());
    }

    private void appendUntil(JobHistory history, long from, long end, AtomicLong written, AtomicLong measured,
                             AtomicLong transactionsMeasured) {
        while (true) {
            String jobId = UUID.randomUUID().toString();
            long sequence = 0;
            for (List<Object> payloads : history.of(jobId, Instant.now())) {
                long started = System.nanoTime();
                if (started >= end) {
                    return;
                }
                List<GenericDomainEventMessage<?>> events = new ArrayList<>(payloads.size());
                for (Object payload : payloads) {
                    events.add(new GenericDomainEventMessage<>("Job", jobId, sequence++, payload));
                }
                transactions.executeInTransaction(() -> storage.appendEvents(events));
                written.addAndGet(events.size());
                if (started >= from) {
                    measured.addAndGet(events.size());
                    transactionsMeasured.incrementAndGet();
                }
            }
        }
    }
}
