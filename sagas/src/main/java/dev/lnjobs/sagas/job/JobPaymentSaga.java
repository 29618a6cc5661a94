package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.CompleteWork;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.ExpireJob;
import dev.lnjobs.api.job.JobCommands.FailJob;
import dev.lnjobs.api.job.JobCommands.IssueEvalInvoice;
import dev.lnjobs.api.job.JobCommands.IssueWorkInvoice;
import dev.lnjobs.api.job.JobCommands.QuoteWork;
import dev.lnjobs.api.job.JobCommands.RecordEvaluation;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.lightning.InvoiceMemo;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.pricing.PriceFeed;
import dev.lnjobs.sagas.retry.Failure;
import dev.lnjobs.sagas.retry.PortException;
import dev.lnjobs.sagas.retry.RetryPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives one job through its payments. States: awaiting eval payment → (paid) evaluating → awaiting work payment →
 * (paid) working → ended. The evaluation invoice usually comes with the creation, and the saga starts at its
 * payment (a job never paid costs no saga); when the creation could not get one, it asks for it with
 * EvalInvoiceRequested, which starts the saga to issue it. Sagas that earlier versions started on JobCreated go on
 * as before. Each payment runs every step up to the next thing only the
 * client can do: the paid evaluation invoice runs evaluation, quote and work invoice in one go, the paid work
 * invoice runs the work. A transient failure of a step is retried on a deadline, a bounded number of times; then
 * the job fails with the reason. An invoice unpaid at its expiry expires the job through the payment watcher's sweep
 * (PaymentWatcher); the invoice-expiry deadline handler stays for the deadlines that sagas of earlier versions
 * scheduled. Deadlines are cancelled by the id they were scheduled under.
 */
public class JobPaymentSaga {

    private static final Logger log = LoggerFactory.getLogger(JobPaymentSaga.class);
    static final String RETRY = "retry-step";
    static final String INVOICE_EXPIRY = "invoice-expiry";

    /** The step a retry deadline re-runs. */
    public enum Step { EVAL_INVOICE, EVALUATE, QUOTE, WORK_INVOICE, WORK }

    private String jobId;
    private String request;
    private long evalFeeSats;
    private String evalModel;
    private String workModel;
    private long workAmountSats;
    /** The quote's output estimate: the work call writes no more than the job was priced for. */
    private long workOutputTokens;
    private int failedAttempts;
    private String expiryDeadline;
    private String retryDeadline;
    private int expiryCheckFailures;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient LightningNode lightning;
    @Autowired
    private transient LanguageModel languageModel;
    @Autowired
    private transient PriceFeed priceFeed;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient JobFlowSettings settings;
    @Autowired
    private transient Clock clock;

    /** The creation could not get the evaluation invoice from the node: the saga issues it. */
    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(EvalInvoiceRequested event) {
        jobId = event.jobId();
        evalFeeSats = event.amountSats();
        run(Step.EVAL_INVOICE);
    }

    /**
     * Starts the saga when the creation came with its invoice (no saga exists then, nor for a job never paid), or
     * continues the one that issued the invoice, or one an earlier version started on the creation (whose event
     * carries no request: the saga has it already).
     */
    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(EvalInvoicePaid event) {
        jobId = event.jobId();
        if (event.request() != null) {
            request = event.request();
            evalModel = event.evalModel();
            workModel = event.workModel();
        }
        cancelExpiry();
        run(Step.EVALUATE);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(WorkInvoicePaid event) {
        cancelExpiry();
        run(Step.WORK);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobFailed event) {
        cancelRetry();
        cancelExpiry();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobExpired event) {
        cancelRetry();
        cancelExpiry(); // none is left when its own deadline expired the job; an ending never leaves one behind
    }

    /**
     * (Deadlines scheduled before the sweep.) One last look before giving up on the invoice: a payment may have
     * landed at the last moment. A node that cannot answer is asked again on the retry schedule, a bounded number of
     * times, before the job expires all the same.
     */
    @DeadlineHandler(deadlineName = INVOICE_EXPIRY)
    void invoiceExpired(String paymentHash) {
        expiryDeadline = null;
        try {
            if (lightning.checkPayment(paymentHash) == LightningNode.PaymentStatus.PAID) {
                commands.sendAndWait(new ConfirmInvoicePaid(jobId, paymentHash, clock.instant()));
                return;
            }
        } catch (LightningException e) {
            expiryCheckFailures++;
            if (e.isTransient() && expiryCheckFailures < settings.maxAttempts()) {
                Duration delay = settings.retryDelay(expiryCheckFailures);
                log.warn("Job {}: could not check invoice {} at its expiry ({}), asking again in {}", jobId,
                        paymentHash, e.getMessage(), delay);
                expiryDeadline = deadlines.schedule(delay, INVOICE_EXPIRY, paymentHash);
                return;
            }
            log.warn("Job {}: could not check invoice {} at its expiry: {}", jobId, paymentHash, e.getMessage());
        }
        log.info("Job {}: invoice {} expired unpaid", jobId, paymentHash);
        commands.sendAndWait(new ExpireJob(jobId, paymentHash, clock.instant()));
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(Step step) {
        retryDeadline = null;
        run(step);
    }

    /** Runs the step and the ones that follow it, until one waits for the client or fails. */
    private void run(Step first) {
        Step step = first;
        while (step != null) {
            try {
                step = perform(step);
                failedAttempts = 0;
            } catch (PortException e) {
                retryOrFail(step, Failure.of(e));
                return;
            }
        }
    }

    /** Answers the step that follows at once, or null when the next move is the client's (or the job ended). */
    private Step perform(Step step) {
        return switch (step) {
            case EVAL_INVOICE -> {
                commands.sendAndWait(new IssueEvalInvoice(jobId, EvalInvoice.make(lightning, evalFeeSats, settings)));
                yield null;
            }
            case EVALUATE -> {
                LanguageModel.Evaluation evaluation = languageModel.evaluate(evalModel, request);
                commands.sendAndWait(new RecordEvaluation(jobId, evaluation.accepted(), evaluation.reason(),
                        evalModel, evaluation.usage()));
                if (!evaluation.accepted()) {
                    SagaLifecycle.end();
                }
                yield evaluation.accepted() ? Step.QUOTE : null;
            }
            case QUOTE -> {
                WorkQuote quote = commands.sendAndWait(new QuoteWork(jobId, priceFeed.currentPrice()));
                workAmountSats = quote.amountSats();
                workOutputTokens = quote.estimatedOutputTokens();
                yield Step.WORK_INVOICE;
            }
            case WORK_INVOICE -> {
                issue(workAmountSats, InvoiceMemo.WORK.text(), invoice -> new IssueWorkInvoice(jobId, invoice));
                yield null;
            }
            case WORK -> {
                LanguageModel.WorkResult work = languageModel.work(workModel, request,
                        workOutputTokens > 0 ? workOutputTokens : LanguageModel.MAX_OUTPUT_TOKENS);
                commands.sendAndWait(new CompleteWork(jobId, work.text(), workModel, work.usage()));
                SagaLifecycle.end();
                yield null;
            }
        };
    }

    /**
     * Has the node make an invoice and records it on the job. Its expiry is the payment watcher's: it checks every
     * invoice at its expiry and expires the job if still unpaid (no deadline per invoice: two writes fewer).
     */
    private void issue(long amountSats, String memo, Function<Invoice, Object> record) {
        Invoice invoice = lightning.createInvoice(amountSats, memo, settings.invoiceExpiry());
        commands.sendAndWait(record.apply(invoice));
    }

    private void cancelExpiry() {
        if (expiryDeadline != null) {
            deadlines.cancelSchedule(INVOICE_EXPIRY, expiryDeadline);
            expiryDeadline = null;
        }
    }

    private void cancelRetry() {
        if (retryDeadline != null) {
            deadlines.cancelSchedule(RETRY, retryDeadline);
            retryDeadline = null;
        }
    }

    private void retryOrFail(Step step, Failure failure) {
        failedAttempts++;
        RetryPolicy policy = settings.retryPolicy();
        Optional<Duration> delay = policy.next(failedAttempts, failure, jobId);
        if (delay.isPresent()) {
            log.info("Job {}: {} failed ({}), attempt {} of {}, retrying in {}", jobId, step, failure.reason(),
                    failedAttempts, policy.maxAttempts(), delay.get());
            retryDeadline = deadlines.schedule(delay.get(), RETRY, step);
            return;
        }
        log.info("Job {}: {} failed for good after {} attempt(s): {}", jobId, step, failedAttempts,
                failure.reason());
        commands.sendAndWait(new FailJob(jobId, step.name().toLowerCase().replace('_', ' ') + " failed: "
                + failure.reason()));
    }
}
