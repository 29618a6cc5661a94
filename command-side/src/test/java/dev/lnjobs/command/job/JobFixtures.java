package dev.lnjobs.command.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.pricing.PricingPolicy;

import java.math.BigDecimal;
import java.time.Instant;

/** The events of a job at each stage of its flow, for given/when/then tests. */
final class JobFixtures {

    static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    static final String REQUEST = "Write a haiku about lightning payments";
    static final Tariff TARIFF = Tariff.defaults();
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final String EVAL_HASH = "a".repeat(64);
    static final String WORK_HASH = "b".repeat(64);
    static final Invoice EVAL_INVOICE = new Invoice(EVAL_HASH, "lnbcrt100n1eval", 10, T0.plusSeconds(3600));
    static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, T0);
    static final WorkQuote QUOTE = PricingPolicy.quoteWork(REQUEST, TARIFF, PRICE);
    static final Invoice WORK_INVOICE = new Invoice(WORK_HASH, "lnbcrt1290n1work", QUOTE.amountSats(),
            T0.plusSeconds(3600));
    static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);

    private JobFixtures() {
    }

    static Object[] created() {
        return new Object[]{new JobCreated(JOB, REQUEST, TARIFF, T0)};
    }

    static Object[] awaitingEvalPayment() {
        return new Object[]{new JobCreated(JOB, REQUEST, TARIFF, T0), new EvalInvoiceIssued(JOB, EVAL_INVOICE)};
    }

    static Object[] evaluating() {
        return append(awaitingEvalPayment(), new EvalInvoicePaid(JOB, EVAL_HASH, 10, T0.plusSeconds(5)));
    }

    static Object[] accepted() {
        return append(evaluating(), new JobAccepted(JOB, "fine", TARIFF.evalModel(), EVAL_USAGE));
    }

    static Object[] quoted() {
        return append(accepted(), new WorkQuoted(JOB, QUOTE));
    }

    static Object[] awaitingWorkPayment() {
        return append(quoted(), new WorkInvoiceIssued(JOB, WORK_INVOICE));
    }

    static Object[] executing() {
        return append(awaitingWorkPayment(), new WorkInvoicePaid(JOB, WORK_HASH, QUOTE.amountSats(),
                T0.plusSeconds(30)));
    }

    static Object[] append(Object[] events, Object next) {
        Object[] all = java.util.Arrays.copyOf(events, events.length + 1);
        all[events.length] = next;
        return all;
    }
}
