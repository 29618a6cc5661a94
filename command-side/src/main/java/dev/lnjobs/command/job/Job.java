package dev.lnjobs.command.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobCommands.*;
import dev.lnjobs.api.job.JobEvents.*;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.pricing.PricingPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.HashSet;
import java.util.Set;

import static dev.lnjobs.api.job.JobState.AWAITING_EVAL_PAYMENT;
import static dev.lnjobs.api.job.JobState.AWAITING_WORK_PAYMENT;
import static dev.lnjobs.api.job.JobState.EVALUATING;
import static dev.lnjobs.api.job.JobState.EXECUTING;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A paid AI job. States: awaiting_eval_payment → evaluating → awaiting_work_payment → executing → complete | rejected
 * | failed, or expired (an invoice left unpaid past its expiry). A refund (not_due | pending → paid | failed → pending)
 * is owed by a complete job's settlement, by paid work that failed, or by a late payment ({@link MoneyBackRules}).
 */
class Job {

    @AggregateIdentifier
    private String jobId;
    private JobState state;
    private String request;
    private Tariff tariff;
    private Invoice evalInvoice;
    private Invoice workInvoice;
    private WorkQuote quote;
    private String evalModel;
    private TokenUsage evalUsage;
    private long refundDueSats;
    private RefundState refundState;
    private String refundPaymentHash;
    private String refundAddress;
    private final Set<String> paidHashes = new HashSet<>();

    Job() {
        // for event sourcing
    }

    @CommandHandler
    Job(CreateJob command) {
        JobCreation.create(command);
    }

    @CommandHandler
    void handle(IssueEvalInvoice command) {
        if (command.invoice().equals(evalInvoice)) {
            return;
        }
        require(evalInvoice == null, "the evaluation invoice was already issued");
        requireState(AWAITING_EVAL_PAYMENT, "issue an evaluation invoice");
        JobCreation.requireEvalFee(tariff, command.invoice());
        apply(new EvalInvoiceIssued(jobId, command.invoice()));
    }

    @CommandHandler
    void handle(ConfirmInvoicePaid command) {
        Invoice invoice = MoneyBackRules.invoiceOf(jobId, command.paymentHash(), evalInvoice, workInvoice);
        if (!paidHashes.contains(command.paymentHash())) {
            Object paid = MoneyBackRules.paid(jobId, invoice, state, evalInvoice, workInvoice, command.paidAt(),
                    request, tariff);
            apply(paid);
            if (paid instanceof LatePaymentReceived) {
                AddressRefunds.startIfAddressed(jobId, refundAddress, refundDueSats);
            }
        }
    }

    @CommandHandler
    void handle(RecordEvaluation command) {
        requireState(EVALUATING, "record an evaluation");
        if (command.accepted()) {
            apply(new JobAccepted(jobId, command.reason(), command.model(), command.usage()));
        } else {
            apply(new JobRejected(jobId, command.reason(), command.model(), command.usage()));
        }
    }

    /** Answers the quote, so that its sender can invoice it without waiting for the event; a repeat answers it too. */
    @CommandHandler
    WorkQuote handle(QuoteWork command) {
        if (quote == null) {
            requireState(AWAITING_WORK_PAYMENT, "quote the work");
            apply(new WorkQuoted(jobId, PricingPolicy.quoteWork(request, tariff, command.btcPrice())));
        }
        return quote;
    }

    @CommandHandler
    void handle(IssueWorkInvoice command) {
        if (command.invoice().equals(workInvoice)) {
            return;
        }
        require(quote != null, "the work must be quoted before its invoice is issued");
        require(workInvoice == null, "the work invoice was already issued");
        requireState(AWAITING_WORK_PAYMENT, "issue a work invoice");
        require(command.invoice().amountSats() == quote.amountSats(),
                "the work invoice must be for the quoted " + quote.amountSats() + " sats");
        apply(new WorkInvoiceIssued(jobId, command.invoice()));
    }

    @CommandHandler
    void handle(CompleteWork command) {
        requireState(EXECUTING, "complete the work");
        apply(new WorkCompleted(jobId, command.result(), command.model(), command.usage()));
        apply(new JobSettled(jobId, PricingPolicy.settle(quote, evalModel, evalUsage, command.model(),
                command.usage())));
        AddressRefunds.startIfAddressed(jobId, refundAddress, refundDueSats);
    }

    @CommandHandler
    long handle(CheckRefundDue command) {
        return RefundClaims.requireClaimable(jobId, refundState, refundPaymentHash, refundDueSats);
    }

    @CommandHandler
    void handle(RequestRefund command) {
        long due = RefundClaims.requireClaimable(jobId, refundState, refundPaymentHash, refundDueSats);
        AddressRefunds.requireAmount(command, due);
        apply(new RefundRequested(jobId, command.bolt11(), command.paymentHash(), command.amountSats(),
                command.requestedAt(), command.lightningAddress(), command.feeReserveSats()));
    }

    @CommandHandler
    void handle(RecordAddressRefundFailed command) {
        apply(new AddressRefundFailed(jobId, command.refundAddress(), command.reason()));
    }

    @CommandHandler
    void handle(RecordRefundPaid command) {
        if (refundState == RefundState.PAID) {
            return;
        }
        RefundClaims.requireInFlight(jobId, refundPaymentHash, command.paymentHash());
        apply(new RefundPaid(jobId, command.paymentHash(), refundDueSats, command.paidAt()));
    }

    @CommandHandler
    void handle(RecordRefundFailed command) {
        if (refundState != RefundState.PENDING || refundPaymentHash == null) {
            return;
        }
        RefundClaims.requireInFlight(jobId, refundPaymentHash, command.paymentHash());
        apply(new RefundFailed(jobId, command.paymentHash(), command.reason()));
    }

    @CommandHandler
    void handle(ExpireJob command) {
        if (MoneyBackRules.awaits(state, command.paymentHash(), evalInvoice, workInvoice)) {
            apply(new JobExpired(jobId, command.paymentHash(), state, command.expiredAt()));
        }
    }

    @CommandHandler
    void handle(FailJob command) {
        if (state == JobState.FAILED) {
            return;
        }
        require(!state.isTerminal(), "job " + jobId + " already ended as " + state.wireName());
        apply(MoneyBackRules.failed(jobId, command.reason(), state, workInvoice));
        AddressRefunds.startIfAddressed(jobId, refundAddress, refundDueSats);
    }

    private void requireState(JobState expected, String action) {
        require(state == expected, "cannot " + action + " while the job is " + state.wireName());
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new JobRuleViolation(message);
        }
    }

    @EventSourcingHandler
    void on(JobCreated event) {
        jobId = event.jobId();
        request = event.request();
        tariff = event.tariff();
        refundAddress = event.refundAddress();
        state = AWAITING_EVAL_PAYMENT;
    }

    @EventSourcingHandler
    void on(EvalInvoiceIssued event) {
        evalInvoice = event.invoice();
    }

    @EventSourcingHandler
    void on(EvalInvoicePaid event) {
        state = EVALUATING;
        paidHashes.add(event.paymentHash());
    }

    @EventSourcingHandler
    void on(JobAccepted event) {
        state = AWAITING_WORK_PAYMENT;
        evalModel = event.model();
        evalUsage = event.usage();
    }

    @EventSourcingHandler
    void on(JobRejected event) {
        state = JobState.REJECTED;
    }

    @EventSourcingHandler
    void on(WorkQuoted event) {
        quote = event.quote();
    }

    @EventSourcingHandler
    void on(WorkInvoiceIssued event) {
        workInvoice = event.invoice();
    }

    @EventSourcingHandler
    void on(WorkInvoicePaid event) {
        state = EXECUTING;
        paidHashes.add(event.paymentHash());
    }

    @EventSourcingHandler
    void on(WorkCompleted event) {
        state = JobState.COMPLETE;
    }

    @EventSourcingHandler
    void on(JobSettled event) {
        refundDueSats = event.settlement().refundAmountSats();
        refundState = RefundClaims.stateOwing(refundDueSats);
    }

    @EventSourcingHandler
    void on(LatePaymentReceived event) {
        paidHashes.add(event.paymentHash());
        refundDueSats = event.refundAmountSats();
        refundState = RefundClaims.stateOwing(refundDueSats);
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        refundPaymentHash = event.paymentHash();
        refundState = RefundState.PENDING;
    }

    @EventSourcingHandler
    void on(RefundPaid event) {
        refundState = RefundState.PAID;
    }

    @EventSourcingHandler
    void on(RefundFailed event) {
        refundState = RefundState.FAILED;
        refundPaymentHash = null;
    }

    @EventSourcingHandler
    void on(JobExpired event) {
        state = JobState.EXPIRED;
    }

    @EventSourcingHandler
    void on(JobFailed event) {
        state = JobState.FAILED;
        if (event.refund() != null) {
            refundDueSats = event.refund().refundAmountSats();
            refundState = RefundClaims.stateOwing(refundDueSats);
        }
    }
}
