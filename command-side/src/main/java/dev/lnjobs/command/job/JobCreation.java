package dev.lnjobs.command.job;

import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The job's rules for its creation and its evaluation invoice. The invoice comes with the creation when the creator
 * could have the node make it (one command, one commit: JobCreated and EvalInvoiceIssued together), or later from
 * the job's payment saga (IssueEvalInvoice), which the creation then starts with EvalInvoiceRequested; either way it
 * is recorded by the same EvalInvoiceIssued, so the views, the invoice table that routes payments and the audits see
 * the same events.
 */
final class JobCreation {

    private JobCreation() {
    }

    /** Applies the creation, and the evaluation invoice it carries if any; checks everything before applying. */
    static void create(CreateJob command) {
        if (command.request() == null || command.request().isBlank()) {
            throw new JobRuleViolation("a job needs a non-empty request");
        }
        Invoice invoice = command.evalInvoice();
        if (invoice != null) {
            requireEvalFee(command.tariff(), invoice);
        }
        apply(new JobCreated(command.jobId(), command.request(), command.tariff(), command.requestedAt(),
                command.refundAddress(), invoice != null));
        if (invoice != null) {
            apply(new EvalInvoiceIssued(command.jobId(), invoice));
        } else {
            apply(new EvalInvoiceRequested(command.jobId(), command.tariff().evalFeeSats()));
        }
    }

    /** The evaluation invoice is for the fee of the tariff the job was created at. */
    static void requireEvalFee(Tariff tariff, Invoice invoice) {
        if (invoice.amountSats() != tariff.evalFeeSats()) {
            throw new JobRuleViolation("the evaluation invoice must be for EVAL_FEE_SATS (" + tariff.evalFeeSats()
                    + ")");
        }
    }
}
