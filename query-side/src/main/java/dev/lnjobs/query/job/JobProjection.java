package dev.lnjobs.query.job;

import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobQueries.FindJob;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;

/** Keeps {@code job_view} in step with the job events and pushes each change to subscribed readers. */
@Component
@ProcessingGroup("job-view")
class JobProjection {

    private final JobRepository jobs;
    private final QueryUpdateEmitter updates;

    JobProjection(JobRepository jobs, QueryUpdateEmitter updates) {
        this.jobs = jobs;
        this.updates = updates;
    }

    @EventHandler
    void on(JobCreated event, @Timestamp Instant at) {
        JobEntity job = new JobEntity();
        job.jobId = event.jobId();
        job.request = event.request();
        job.state = JobState.AWAITING_EVAL_PAYMENT;
        job.createdAt = at;
        job.updatedAt = at;
        jobs.save(job);
        publish(job);
    }

    @EventHandler
    void on(EvalInvoiceIssued event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> job.evalInvoice(event.invoice()));
    }

    @EventHandler
    void on(EvalInvoicePaid event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.evalPaid = true;
            job.state = JobState.EVALUATING;
        });
    }

    @EventHandler
    void on(JobAccepted event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> job.state = JobState.AWAITING_WORK_PAYMENT);
    }

    @EventHandler
    void on(JobRejected event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.state = JobState.REJECTED;
            job.reason = event.reason();
        });
    }

    @EventHandler
    void on(WorkInvoiceIssued event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> job.workInvoice(event.invoice()));
    }

    @EventHandler
    void on(WorkInvoicePaid event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.workPaid = true;
            job.state = JobState.EXECUTING;
        });
    }

    @EventHandler
    void on(WorkCompleted event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.state = JobState.COMPLETE;
            job.result = event.result();
        });
    }

    @EventHandler
    void on(JobExpired event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.state = JobState.EXPIRED;
            job.reason = "invoice " + event.paymentHash() + " expired unpaid";
        });
    }

    @EventHandler
    void on(JobFailed event, @Timestamp Instant at) {
        change(event.jobId(), at, job -> {
            job.state = JobState.FAILED;
            job.reason = event.reason();
        });
    }

    @QueryHandler
    JobView handle(FindJob query) {
        return jobs.findById(query.jobId()).map(JobEntity::toView).orElse(null);
    }

    private void change(String jobId, Instant at, Consumer<JobEntity> change) {
        JobEntity job = jobs.findById(jobId)
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " has no view row"));
        change.accept(job);
        job.updatedAt = at;
        publish(job);
    }

    private void publish(JobEntity job) {
        JobView view = job.toView();
        updates.emit(FindJob.class, query -> query.jobId().equals(view.jobId()), view);
    }
}
