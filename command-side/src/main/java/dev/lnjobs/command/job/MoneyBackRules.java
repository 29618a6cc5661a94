package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;

import java.time.Instant;

/**
 * The job's rules for money that bought nothing: a work payment whose work then failed for good is owed back
 * whole, and so is a payment the node reports for an invoice the job no longer waits for (it expired or failed
 * first). Pure: the {@code Job} aggregate hands in its state and applies what these answer.
 */
final class MoneyBackRules {

    private MoneyBackRules() {
    }

    /** The invoice of this job with that hash, or a refusal: a hash of no invoice of the job. */
    static Invoice invoiceOf(String jobId, String paymentHash, Invoice evalInvoice, Invoice workInvoice) {
        for (Invoice invoice : new Invoice[] {evalInvoice, workInvoice}) {
            if (invoice != null && invoice.paymentHash().equals(paymentHash)) {
                return invoice;
            }
        }
        throw new JobRuleViolation("payment hash " + paymentHash + " is not an invoice of job " + jobId);
    }

    /** Whether the job, in this state, waits for the invoice with that hash to be paid. */
    static boolean awaits(JobState state, String paymentHash, Invoice evalInvoice, Invoice workInvoice) {
        Invoice awaited = state == JobState.AWAITING_EVAL_PAYMENT ? evalInvoice
                : state == JobState.AWAITING_WORK_PAYMENT ? workInvoice : null;
        return awaited != null && awaited.paymentHash().equals(paymentHash);
    }

    /**
     * The event a first payment of {@code invoice} records: the one the job waits for in its state, or, when it
     * waits for it no longer, a late payment owed back in full. A job has at most one unpaid invoice when it ends,
     * so at most one late payment. A paid evaluation invoice carries the request and the models the evaluation and
     * the work use, so that the job's payment saga can start on it.
     */
    static Object paid(String jobId, Invoice invoice, JobState state, Invoice evalInvoice, Invoice workInvoice,
                       Instant paidAt, String request, Tariff tariff) {
        if (awaits(state, invoice.paymentHash(), evalInvoice, workInvoice)) {
            return invoice == evalInvoice
                    ? new EvalInvoicePaid(jobId, invoice.paymentHash(), invoice.amountSats(), paidAt, request,
                            tariff.evalModel(), tariff.workModel())
                    : new WorkInvoicePaid(jobId, invoice.paymentHash(), invoice.amountSats(), paidAt);
        }
        return new LatePaymentReceived(jobId, invoice.paymentHash(), invoice.amountSats(), paidAt, state,
                invoice.amountSats());
    }

    /** A failure while the paid work runs owes the whole work payment back; earlier, nothing was paid for it. */
    static JobFailed failed(String jobId, String reason, JobState state, Invoice workInvoice) {
        if (state != JobState.EXECUTING) {
            return new JobFailed(jobId, reason, state);
        }
        return new JobFailed(jobId, reason, state, new PaidWorkRefund(workInvoice.paymentHash(),
                workInvoice.amountSats(), workInvoice.amountSats()));
    }
}
