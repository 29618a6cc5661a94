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
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Keeps {@code job_view} in step with the job events. Its processing group is subscribing: a row changes in the
 * transaction that appends the event, so a read never shows a job behind a write that already returned. One
 * statement per event; {@code version} is the sequence number of the event the row last took in.
 */
@Component
@ProcessingGroup(JobProjection.PROCESSING_GROUP)
public class JobProjection {

    public static final String PROCESSING_GROUP = "job-view";

    private final JdbcTemplate jdbc;
    private final JobChanges changes;

    JobProjection(JdbcTemplate jdbc, JobChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @EventHandler
    void on(JobCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        jdbc.update("INSERT INTO job_view (job_id, state, request, created_at, updated_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", event.jobId(), JobState.AWAITING_EVAL_PAYMENT.name(),
                event.request(), stored(at), stored(at), version);
        changes.changed(event.jobId());
    }

    @EventHandler
    void on(EvalInvoiceIssued event, @SequenceNumber long version, @Timestamp Instant at) {
        Invoice invoice = event.invoice();
        change(event.jobId(), version, at, "eval_payment_hash = ?, eval_payment_request = ?, eval_amount_sats = ?, "
                        + "eval_expires_at = ?", invoice.paymentHash(), invoice.paymentRequest(), invoice.amountSats(),
                utc(invoice.expiresAt()));
    }

    @EventHandler
    void on(EvalInvoicePaid event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "eval_paid = TRUE, state = ?", JobState.EVALUATING.name());
    }

    @EventHandler
    void on(JobAccepted event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "state = ?", JobState.AWAITING_WORK_PAYMENT.name());
    }

    @EventHandler
    void on(JobRejected event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "state = ?, reason = ?", JobState.REJECTED.name(), event.reason());
    }

    @EventHandler
    void on(WorkInvoiceIssued event, @SequenceNumber long version, @Timestamp Instant at) {
        Invoice invoice = event.invoice();
        change(event.jobId(), version, at, "work_payment_hash = ?, work_payment_request = ?, work_amount_sats = ?, "
                        + "work_expires_at = ?", invoice.paymentHash(), invoice.paymentRequest(), invoice.amountSats(),
                utc(invoice.expiresAt()));
    }

    @EventHandler
    void on(WorkInvoicePaid event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "work_paid = TRUE, state = ?", JobState.EXECUTING.name());
    }

    @EventHandler
    void on(WorkCompleted event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "state = ?, result = ?", JobState.COMPLETE.name(), event.result());
    }

    @EventHandler
    void on(JobExpired event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "state = ?, reason = ?", JobState.EXPIRED.name(),
                "invoice " + event.paymentHash() + " expired unpaid");
    }

    @EventHandler
    void on(JobFailed event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.jobId(), version, at, "state = ?, reason = ?", JobState.FAILED.name(), event.reason());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An event's time as the event store keeps it (milliseconds), so that a replay writes the same row. */
    private static OffsetDateTime stored(Instant at) {
        return utc(at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Sets the given columns, the version and the time of the change on the job's row, which must exist. */
    private void change(String jobId, long version, Instant at, String assignments, Object... values) {
        Object[] arguments = Arrays.copyOf(values, values.length + 3);
        arguments[values.length] = version;
        arguments[values.length + 1] = stored(at);
        arguments[values.length + 2] = jobId;
        int rows = jdbc.update("UPDATE job_view SET " + assignments + ", version = ?, updated_at = ? WHERE job_id = ?",
                arguments);
        if (rows != 1) {
            throw new IllegalStateException("job " + jobId + " has no view row");
        }
        changes.changed(jobId);
    }
}
