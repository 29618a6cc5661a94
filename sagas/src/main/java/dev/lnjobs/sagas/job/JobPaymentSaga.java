package dev.lnjobs.sagas.job;

import dev.lnjobs.api.job.JobCommands.CompleteWork;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.ExpireJob;
import dev.lnjobs.api.job.JobCommands.FailJob;
import dev.lnjobs.api.job.JobCommands.IssueEvalInvoice;
import dev.lnjobs.api.job.JobCommands.IssueWorkInvoice;
import dev.lnjobs.api.job.JobCommands.QuoteWork;
import dev.lnjobs.api.job.JobCommands.RecordEvaluation;
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
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.sagas.ai.LanguageModel;
import dev.lnjobs.sagas.ai.LanguageModelException;
import dev.lnjobs.sagas.lightning.LightningException;
import dev.lnjobs.sagas.lightning.LightningNode;
import dev.lnjobs.sagas.pricing.PriceFeed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;

/**
 * Drives one job through its payments. Steps: eval invoice → (paid) evaluation → quote → work invoice →
 * (paid) work. A transient failure of a step is retried on a deadline, a bounded number of times; then the job
 * fails with the reason. Each invoice has a deadline at its expiry; unpaid by then, the job expires.
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
    private int failedAttempts;

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

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobCreated event) {
        jobId = event.jobId();
        request = event.request();
        evalFeeSats = event.tariff().evalFeeSats();
        evalModel = event.tariff().evalModel();
        workModel = event.tariff().workModel();
        run(Step.EVAL_INVOICE);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(EvalInvoiceIssued event) {
        deadlines.schedule(event.invoice().expiresAt(), INVOICE_EXPIRY, event.invoice().paymentHash());
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(EvalInvoicePaid event) {
        deadlines.cancelAllWithinScope(INVOICE_EXPIRY);
        run(Step.EVALUATE);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(JobAccepted event) {
        run(Step.QUOTE);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(WorkQuoted event) {
        workAmountSats = event.quote().amountSats();
        run(Step.WORK_INVOICE);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(WorkInvoiceIssued event) {
        deadlines.schedule(event.invoice().expiresAt(), INVOICE_EXPIRY, event.invoice().paymentHash());
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(WorkInvoicePaid event) {
        deadlines.cancelAllWithinScope(INVOICE_EXPIRY);
        run(Step.WORK);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(WorkCompleted event) {
        deadlines.cancelAllWithinScope(RETRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobRejected event) {
        deadlines.cancelAllWithinScope(RETRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobFailed event) {
        deadlines.cancelAllWithinScope(RETRY);
        deadlines.cancelAllWithinScope(INVOICE_EXPIRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(JobExpired event) {
        deadlines.cancelAllWithinScope(RETRY);
    }

    /** One last look before giving up on the invoice: a payment may have landed at the last moment. */
    @DeadlineHandler(deadlineName = INVOICE_EXPIRY)
    void invoiceExpired(String paymentHash) {
        try {
            if (lightning.checkPayment(paymentHash) == LightningNode.PaymentStatus.PAID) {
                commands.sendAndWait(new ConfirmInvoicePaid(jobId, paymentHash, clock.instant()));
                return;
            }
        } catch (LightningException e) {
            log.warn("Job {}: could not check invoice {} at its expiry: {}", jobId, paymentHash, e.getMessage());
        }
        log.info("Job {}: invoice {} expired unpaid", jobId, paymentHash);
        commands.sendAndWait(new ExpireJob(jobId, paymentHash, clock.instant()));
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(Step step) {
        run(step);
    }

    private void run(Step step) {
        try {
            perform(step);
            failedAttempts = 0;
        } catch (LightningException e) {
            retryOrFail(step, e.isTransient(), null, e.getMessage());
        } catch (LanguageModelException e) {
            retryOrFail(step, e.isTransient(), e.retryAfter().orElse(null), e.getMessage());
        }
    }

    private void perform(Step step) {
        switch (step) {
            case EVAL_INVOICE -> commands.sendAndWait(new IssueEvalInvoice(jobId,
                    lightning.createInvoice(evalFeeSats, "Evaluation of job " + jobId, settings.invoiceExpiry())));
            case EVALUATE -> {
                LanguageModel.Evaluation evaluation = languageModel.evaluate(evalModel, request);
                commands.sendAndWait(new RecordEvaluation(jobId, evaluation.accepted(), evaluation.reason(),
                        evalModel, evaluation.usage()));
            }
            case QUOTE -> commands.sendAndWait(new QuoteWork(jobId, priceFeed.currentPrice()));
            case WORK_INVOICE -> commands.sendAndWait(new IssueWorkInvoice(jobId,
                    lightning.createInvoice(workAmountSats, "Work of job " + jobId, settings.invoiceExpiry())));
            case WORK -> {
                LanguageModel.WorkResult work = languageModel.work(workModel, request);
                commands.sendAndWait(new CompleteWork(jobId, work.text(), workModel, work.usage()));
            }
        }
    }

    private void retryOrFail(Step step, boolean transientFailure, Duration retryAfter, String reason) {
        failedAttempts++;
        if (transientFailure && failedAttempts < settings.maxAttempts()) {
            Duration delay = retryAfter != null ? retryAfter : settings.retryDelay(failedAttempts);
            log.info("Job {}: {} failed ({}), attempt {} of {}, retrying in {}", jobId, step, reason,
                    failedAttempts, settings.maxAttempts(), delay);
            deadlines.schedule(delay, RETRY, step);
            return;
        }
        log.info("Job {}: {} failed for good after {} attempt(s): {}", jobId, step, failedAttempts, reason);
        commands.sendAndWait(new FailJob(jobId, step.name().toLowerCase().replace('_', ' ') + " failed: " + reason));
    }
}
