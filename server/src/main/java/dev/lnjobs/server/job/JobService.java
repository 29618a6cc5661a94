package dev.lnjobs.server.job;

import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.sagas.job.EvalInvoice;
import dev.lnjobs.sagas.job.JobFlowSettings;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.retry.PortException;
import dev.lnjobs.server.views.Views;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The paid job flow behind {@code /api/jobs}: create a job with its evaluation invoice, read a job, wait for a job's
 * next change. Reads only read; payments are pushed (LNbits' payment stream, its webhook, the stub pay) and the
 * watcher catches what no push announced.
 */
@Service
class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** How long a creation whose invoice is left to the saga waits for it. */
    static final Duration INVOICE_WAIT = Duration.ofSeconds(10);

    private final Views views;
    private final CommandGateway commands;
    private final JobReads reads;
    private final LightningNode lightning;
    private final JobFlowSettings settings;
    private final Tariff tariff;
    private final Clock clock;

    JobService(Views views, CommandGateway commands, JobReads reads, LightningNode lightning,
               JobFlowSettings settings, Tariff tariff, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.reads = reads;
        this.lightning = lightning;
        this.settings = settings;
        this.tariff = tariff;
        this.clock = clock;
    }

    /** Creates the job at today's tariff; answers it with its evaluation invoice (see the two-argument form). */
    JobStatus create(String request) {
        return create(request, null);
    }

    /**
     * As {@link #create(String)}, with the Lightning Address its refund is paid to. Every check of the request (its
     * text, the address, the creation limits) ran before this is called, so no invoice is made for a creation that is
     * refused. The node makes the evaluation invoice here and it is recorded with the creation, in one command: the
     * job's view (a subscribing projection, written in the command's transaction) shows it as soon as the command
     * returns. If the node cannot make it now, the job is created without it and its payment saga issues it, with
     * its retries: the answer is then the job once the invoice shows, or as it is after {@link #INVOICE_WAIT}.
     */
    JobStatus create(String request, String refundAddress) {
        String jobId = UUID.randomUUID().toString();
        Instant requestedAt = clock.instant();
        Optional<Invoice> invoice = evalInvoice(jobId);
        if (invoice.isPresent()) {
            // If this command fails (the database, a crash before it commits), the invoice just made is an orphan:
            // no event names it and the client never sees it, so it is never paid and expires at the node, harmless.
            commands.sendAndWait(new CreateJob(jobId, request, tariff, requestedAt, refundAddress, invoice.get()));
            return reads.find(jobId).orElseThrow();
        }
        Predicate<JobStatus> invoiced = status -> status.view().evalInvoice() != null
                || status.view().state().isTerminal();
        return views.sendAndAwait(new CreateJob(jobId, request, tariff, requestedAt, refundAddress, null),
                        reads.pending(jobId, invoiced, INVOICE_WAIT))
                .or(() -> reads.find(jobId)).orElseThrow();
    }

    /** The evaluation invoice from the node, or empty when it fails (transient or not): the saga then issues it. */
    private Optional<Invoice> evalInvoice(String jobId) {
        try {
            return Optional.of(EvalInvoice.make(lightning, tariff.evalFeeSats(), settings));
        } catch (PortException e) {
            log.info("Job {}: no evaluation invoice at creation ({}{}), its payment saga issues it", jobId,
                    e.isTransient() ? "transient: " : "", e.getMessage());
            return Optional.empty();
        }
    }

    /** The job as its view shows it (one indexed statement, no call to the node); empty if there is none. */
    Optional<JobStatus> read(String jobId) {
        return reads.find(jobId);
    }

    /**
     * A long poll: completes with the job once {@code until} holds for it, at the timeout with the job as it is then,
     * or empty at once if there is no job.
     */
    CompletableFuture<Optional<JobStatus>> awaitChange(String jobId, Predicate<JobStatus> until, Duration timeout) {
        return reads.awaitChange(jobId, until, timeout);
    }
}
