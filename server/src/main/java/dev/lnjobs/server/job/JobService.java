package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.server.views.Views;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The paid job flow behind {@code /api/jobs}: create a job and wait for its evaluation invoice, read a job, wait for
 * a job's next change. Reads only read; payments are pushed (LNbits' payment stream, its webhook, the stub pay) and
 * the watcher catches what no push announced.
 */
@Service
class JobService {

    static final Duration INVOICE_WAIT = Duration.ofSeconds(10);

    private final Views views;
    private final JobReads reads;
    private final Tariff tariff;
    private final Clock clock;

    JobService(Views views, JobReads reads, Tariff tariff, Clock clock) {
        this.views = views;
        this.reads = reads;
        this.tariff = tariff;
        this.clock = clock;
    }

    /** Creates the job at today's tariff; answers it once its evaluation invoice is issued, or as it is after 10 s. */
    JobStatus create(String request) {
        return create(request, null);
    }

    /** As {@link #create(String)}, with the Lightning Address its refund is paid to (checked by the caller). */
    JobStatus create(String request, String refundAddress) {
        String jobId = UUID.randomUUID().toString();
        Predicate<JobStatus> invoiced = status -> status.view().evalInvoice() != null
                || status.view().state().isTerminal();
        return views.sendAndAwait(new CreateJob(jobId, request, tariff, clock.instant(), refundAddress),
                        reads.pending(jobId, invoiced, INVOICE_WAIT))
                .or(() -> reads.find(jobId)).orElseThrow();
    }

    /** The job as its view shows it (one indexed statement, no call to the node); empty if there is none. */
    Optional<JobStatus> read(String jobId) {
        return reads.find(jobId);
    }

    /**
     * A long poll: completes with the job once {@code until} holds for it, at the timeout with the job as it is then,
     * or empty at once if there is no such job.
     */
    CompletableFuture<Optional<JobStatus>> awaitChange(String jobId, Predicate<JobStatus> until, Duration timeout) {
        return reads.awaitChange(jobId, until, timeout);
    }
}
