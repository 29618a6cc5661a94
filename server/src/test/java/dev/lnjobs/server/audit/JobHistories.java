package dev.lnjobs.server.audit;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.PaidWorkRefund;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.pricing.PricingPolicy;
import dev.lnjobs.server.config.EventStoreRows.Row;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Event histories of jobs priced by the policy, as the Job aggregate records them, to write into a store. */
public final class JobHistories {

    public static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, T0);

    private JobHistories() {
    }

    /** The eleven events of a job from creation to a paid refund, at sequence numbers 0 to 10. */
    public static List<Row> refundedJob(String jobId, String request, Tariff tariff, TokenUsage evalUsage,
                                        TokenUsage workUsage) {
        WorkQuote quote = PricingPolicy.quoteWork(request, tariff, PRICE);
        Settlement settlement = PricingPolicy.settle(quote, tariff.evalModel(), evalUsage, tariff.workModel(),
                workUsage);
        List<Object> events = new ArrayList<>(List.of(
                new JobCreated(jobId, request, tariff, T0),
                new EvalInvoiceIssued(jobId, invoice('a', tariff.evalFeeSats())),
                new EvalInvoicePaid(jobId, hash('a'), tariff.evalFeeSats(), T0),
                new JobAccepted(jobId, "fine", tariff.evalModel(), evalUsage),
                new WorkQuoted(jobId, quote),
                new WorkInvoiceIssued(jobId, invoice('b', quote.amountSats())),
                new WorkInvoicePaid(jobId, hash('b'), quote.amountSats(), T0),
                new WorkCompleted(jobId, "done", tariff.workModel(), workUsage),
                new JobSettled(jobId, settlement)));
        if (settlement.refundAmountSats() > 0) {
            events.add(new RefundRequested(jobId, "lnbcrt1refund", hash('f'), settlement.refundAmountSats(), T0));
            events.add(new RefundPaid(jobId, hash('f'), settlement.refundAmountSats(), T0));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            rows.add(new Row(jobId, i, events.get(i)));
        }
        return rows;
    }

    /** A job whose paid work failed for good and whose work amount was refunded: the events the Job records. */
    public static List<Row> failedAfterPaymentJob(String jobId, String request, Tariff tariff, TokenUsage evalUsage) {
        WorkQuote quote = PricingPolicy.quoteWork(request, tariff, PRICE);
        long work = quote.amountSats();
        return rows(jobId, List.of(
                new JobCreated(jobId, request, tariff, T0),
                new EvalInvoiceIssued(jobId, invoice('a', tariff.evalFeeSats())),
                new EvalInvoicePaid(jobId, hash('a'), tariff.evalFeeSats(), T0),
                new JobAccepted(jobId, "fine", tariff.evalModel(), evalUsage),
                new WorkQuoted(jobId, quote),
                new WorkInvoiceIssued(jobId, invoice('b', work)),
                new WorkInvoicePaid(jobId, hash('b'), work, T0),
                new JobFailed(jobId, "work failed: down", JobState.EXECUTING,
                        new PaidWorkRefund(hash('b'), work, work)),
                new RefundRequested(jobId, "lnbcrt1refund", hash('f'), work, T0),
                new RefundPaid(jobId, hash('f'), work, T0)));
    }

    /** A job that expired unpaid and whose evaluation invoice was paid afterwards: owed back, not yet claimed. */
    public static List<Row> latePaidJob(String jobId, String request, Tariff tariff) {
        return rows(jobId, List.of(
                new JobCreated(jobId, request, tariff, T0),
                new EvalInvoiceIssued(jobId, invoice('a', tariff.evalFeeSats())),
                new JobExpired(jobId, hash('a'), JobState.AWAITING_EVAL_PAYMENT, T0.plusSeconds(3600)),
                new LatePaymentReceived(jobId, hash('a'), tariff.evalFeeSats(), T0.plusSeconds(3700),
                        JobState.EXPIRED, tariff.evalFeeSats())));
    }

    private static List<Row> rows(String jobId, List<Object> events) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            rows.add(new Row(jobId, i, events.get(i)));
        }
        return rows;
    }

    static Invoice invoice(char hashChar, long amountSats) {
        return new Invoice(hash(hashChar), "lnbcrt1" + hashChar, amountSats, T0.plusSeconds(3600));
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }
}
