package dev.lnjobs.command.audit;

import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.command.audit.PricingAuditReport.Mismatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-derives every price of every job (evaluation fee, work quote and invoice, settlement, refund) with the
 * pricing policy from the inputs and the tariff its own events recorded, never from configuration. Fed a
 * store's events in global order; a job is forgotten once no price of it is left to check, so memory grows with
 * the jobs in flight, not with the store.
 */
public final class PricingAudit {

    /** Enough to see what went wrong; a formula change could otherwise make every job of a large store a line. */
    public static final int MISMATCHES_KEPT = 1000;

    /** The events that carry a price or an input of one, after JobCreated. */
    private static final Set<Class<?>> PRICED = Set.of(EvalInvoiceIssued.class, EvalInvoicePaid.class,
            JobAccepted.class, WorkQuoted.class, WorkInvoiceIssued.class, WorkInvoicePaid.class, WorkCompleted.class,
            JobSettled.class, RefundRequested.class, RefundPaid.class);

    private final Map<String, JobAudit> openJobs = new HashMap<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long mismatchCount;
    private long jobsAudited;
    private long eventsRead;

    /** Audits one event; payloads that carry no price or pricing input are only counted. */
    public void accept(String aggregateId, Object payload) {
        eventsRead++;
        JobAudit.Findings findings = (check, expected, recorded) -> mismatch(aggregateId, check, expected, recorded);
        try {
            audit(aggregateId, payload, findings);
        } catch (RuntimeException e) {
            // a payload missing a figure the policy needs is reported, and the rest of the store still audited
            findings.mismatch("event.unpriceable", "a complete " + payload.getClass().getSimpleName(), e.toString());
        }
    }

    /** An event of the store that could not be read as its recorded type. */
    public void unreadable(String aggregateId, String payloadType, String reason) {
        eventsRead++;
        mismatch(aggregateId, "event.unreadable", "a readable " + payloadType, reason);
    }

    public PricingAuditReport report() {
        return new PricingAuditReport(jobsAudited, eventsRead, mismatchCount, mismatches);
    }

    /** Jobs with a price still to check: in flight, or owing a refund. */
    int openJobs() {
        return openJobs.size();
    }

    private void audit(String jobId, Object payload, JobAudit.Findings findings) {
        if (payload instanceof JobCreated created) {
            jobsAudited++;
            if (openJobs.put(jobId, new JobAudit(created.request(), created.tariff())) != null) {
                findings.mismatch("job.sequence", "one JobCreated", "JobCreated again");
            }
            return;
        }
        if (payload instanceof JobFailed failed && failed.refund() != null) {
            openJobs.computeIfAbsent(jobId, id -> new JobAudit(null, null)).owesBack("failed_work_refund.amount_sats",
                    failed.refund().workAmountSats(), failed.refund().refundAmountSats(), findings);
            return;
        }
        if (payload instanceof LatePaymentReceived late) {
            // a job that ended (rejected, failed) before the payment landed is audited again for its refund
            openJobs.computeIfAbsent(jobId, id -> new JobAudit(null, null)).owesBack("late_payment_refund.amount_sats",
                    late.amountSats(), late.refundAmountSats(), findings);
            return;
        }
        if (payload instanceof JobRejected || payload instanceof JobFailed) {
            openJobs.remove(jobId);
            return;
        }
        if (!PRICED.contains(payload.getClass())) {
            return;
        }
        JobAudit job = openJobs.get(jobId);
        if (job == null) {
            findings.mismatch("job.sequence", "an open job (created, not yet ended or refunded)",
                    payload.getClass().getSimpleName() + " without one");
            return;
        }
        priced(job, jobId, payload, findings);
    }

    private void priced(JobAudit job, String jobId, Object payload, JobAudit.Findings findings) {
        if (payload instanceof EvalInvoiceIssued issued) {
            job.evalInvoiced(issued.invoice().amountSats(), findings);
        } else if (payload instanceof EvalInvoicePaid paid) {
            job.evalPaid(paid.amountSats(), findings);
        } else if (payload instanceof JobAccepted accepted) {
            job.accepted(accepted.model(), accepted.usage());
        } else if (payload instanceof WorkQuoted quoted) {
            job.quoted(quoted.quote(), findings);
        } else if (payload instanceof WorkInvoiceIssued issued) {
            job.workInvoiced(issued.invoice().amountSats(), findings);
        } else if (payload instanceof WorkInvoicePaid paid) {
            job.workPaid(paid.amountSats(), findings);
        } else if (payload instanceof WorkCompleted completed) {
            job.completed(completed.model(), completed.usage());
        } else if (payload instanceof JobSettled settled) {
            if (!job.settled(settled.settlement(), findings)) {
                openJobs.remove(jobId);
            }
        } else if (payload instanceof RefundRequested requested) {
            // a refund to the job's address pays the refund less the fee reserve kept back for its routing
            job.refundRequested(requested.amountSats() + requested.feeReserveSats(), findings);
        } else if (payload instanceof RefundPaid paid) {
            job.refundPaid(paid.amountSats(), findings);
            openJobs.remove(jobId);
        }
    }

    private void mismatch(String jobId, String check, String expected, String recorded) {
        mismatchCount++;
        if (mismatches.size() < MISMATCHES_KEPT) {
            mismatches.add(new Mismatch(jobId, check, expected, recorded));
        }
    }
}
