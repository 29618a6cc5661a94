package dev.lnjobs.server.job;

import dev.lnjobs.query.job.JobChanges;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.query.job.JobStatusReader;
import dev.lnjobs.server.views.PendingView;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Reads of a job's status, and bounded waits until the status shows what a reader waits for. A wait listens to
 * {@link JobChanges} before its first read, so a change between that read and the wait is never missed, and it
 * re-reads on a tick as well: a change projected on another node sends no signal here. A read, waiting or not, is
 * one indexed statement: it never asks the Lightning node and never sends a command (payments are pushed, see
 * {@link dev.lnjobs.sagas.lightning.PaymentNotices}). Why jobs are read here and not through subscription queries
 * as sessions and bootstraps are: see {@link dev.lnjobs.server.views.Views}.
 */
@Component
class JobReads implements DisposableBean {

    static final Duration TICK = Duration.ofSeconds(1);

    private final JobStatusReader reader;
    private final JobChanges changes;
    private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("job-wait-timer"));
    private final ExecutorService checks = Executors.newFixedThreadPool(4, daemon("job-wait"));

    JobReads(JobStatusReader reader, JobChanges changes) {
        this.reader = reader;
        this.changes = changes;
        timer.scheduleWithFixedDelay(() -> waits.forEach(Wait::check), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The job as its view shows it: one indexed statement. */
    Optional<JobStatus> find(String jobId) {
        return reader.find(jobId);
    }

    /** A wait for the creation's outcome, for {@code Views.sendAndAwait}: opened before the command is sent. */
    PendingView<JobStatus> pending(String jobId, Predicate<JobStatus> until, Duration timeout) {
        CompletableFuture<Optional<JobStatus>> result = await(jobId, until, timeout);
        return new PendingView<>() {
            @Override
            public Optional<JobStatus> await() {
                return result.join();
            }

            @Override
            public void close() {
                result.cancel(false); // releases the wait; a no-op once it has answered
            }
        };
    }

    /**
     * Completes with the first status of the job that satisfies {@code until}, or at the timeout with the last one
     * read (empty if the job was never found).
     */
    CompletableFuture<Optional<JobStatus>> await(String jobId, Predicate<JobStatus> until, Duration timeout) {
        return await(new Wait(jobId, until, false), timeout);
    }

    /**
     * A long poll of a job that must exist: its first read is the one the client is answered from when it already
     * shows what {@code until} waits for, and it completes empty at once if there is no job.
     */
    CompletableFuture<Optional<JobStatus>> awaitChange(String jobId, Predicate<JobStatus> until, Duration timeout) {
        return await(new Wait(jobId, until, true), timeout);
    }

    private CompletableFuture<Optional<JobStatus>> await(Wait wait, Duration timeout) {
        String jobId = wait.jobId;
        wait.result.whenComplete((status, failure) -> wait.release()); // answered, failed, timed out or cancelled
        wait.listening = changes.listen(jobId, wait::check);
        wait.timeout = timer.schedule(() -> wait.finish(wait.latest), timeout.toMillis(), TimeUnit.MILLISECONDS);
        waits.add(wait);
        if (wait.result.isDone()) {
            wait.release(); // a signal finished it before it was fully registered
        } else {
            wait.check();
        }
        return wait.result;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        checks.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One waiting reader. Signals that arrive while a re-read runs are folded into one more re-read. */
    private final class Wait {

        private final String jobId;
        private final Predicate<JobStatus> until;
        private final boolean absentEnds;
        private final CompletableFuture<Optional<JobStatus>> result = new CompletableFuture<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean dirty = new AtomicBoolean();
        private volatile Optional<JobStatus> latest = Optional.empty();
        private volatile JobChanges.Listening listening;
        private volatile ScheduledFuture<?> timeout;

        private Wait(String jobId, Predicate<JobStatus> until, boolean absentEnds) {
            this.jobId = jobId;
            this.until = until;
            this.absentEnds = absentEnds;
        }

        void check() {
            dirty.set(true);
            if (!result.isDone() && running.compareAndSet(false, true)) {
                checks.execute(this::drain);
            }
        }

        private void drain() {
            try {
                while (dirty.getAndSet(false) && !result.isDone()) {
                    Optional<JobStatus> status = reader.find(jobId);
                    latest = status;
                    if (status.isPresent() ? until.test(status.get()) : absentEnds) {
                        finish(status);
                    }
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                running.set(false);
            }
            if (dirty.get()) {
                check(); // a signal arrived between the last re-read and the release of `running`
            }
        }

        void finish(Optional<JobStatus> status) {
            result.complete(status);
        }

        void release() {
            waits.remove(this);
            if (listening != null) {
                listening.close();
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
