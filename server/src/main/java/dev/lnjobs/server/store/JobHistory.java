package dev.lnjobs.server.store;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.pricing.PricingPolicy;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The events of one paid job as the service writes them: nine events in the five transactions the job flow
 * appends them in (creation with its evaluation invoice; its payment; evaluation, quote and work invoice; work
 * payment; completion and settlement). Prices come from the pricing policy, so the history also audits clean. The
 * invoices are real BOLT 11 strings, made once and reused under each job's own payment hashes.
 */
final class JobHistory {

    private static final String REQUEST = "Write a haiku about lightning payments";
    private static final Duration EXPIRY = Duration.ofHours(1);
    private static final TokenUsage EVAL_USAGE = new TokenUsage(60, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(59, 160);

    private final Tariff tariff = Tariff.defaults();
    private final WorkQuote quote;
    private final String evalRequest;
    private final String workRequest;

    JobHistory(Instant at) {
        quote = PricingPolicy.quoteWork(REQUEST, tariff, new BtcPrice(new BigDecimal("100000"),
                BtcPrice.Source.FALLBACK, at));
        evalRequest = bolt11(tariff.evalFeeSats(), at, "Evaluation");
        workRequest = bolt11(quote.amountSats(), at, "Work");
    }

    /** The transactions, each the list of event payloads it appends. */
    List<List<Object>> of(String jobId, Instant at) {
        Invoice eval = new Invoice(hash(jobId, '1'), evalRequest, tariff.evalFeeSats(), at.plus(EXPIRY));
        Invoice work = new Invoice(hash(jobId, '2'), workRequest, quote.amountSats(), at.plus(EXPIRY));
        return List.of(
                List.of(new JobCreated(jobId, REQUEST, tariff, at, null, true), new EvalInvoiceIssued(jobId, eval)),
                List.of(new EvalInvoicePaid(jobId, eval.paymentHash(), eval.amountSats(), at, REQUEST,
                        tariff.evalModel(), tariff.workModel())),
                List.of(new JobAccepted(jobId, "acceptable", tariff.evalModel(), EVAL_USAGE),
                        new WorkQuoted(jobId, quote), new WorkInvoiceIssued(jobId, work)),
                List.of(new WorkInvoicePaid(jobId, work.paymentHash(), work.amountSats(), at)),
                List.of(new WorkCompleted(jobId, "Stub result for: " + REQUEST, tariff.workModel(), WORK_USAGE),
                        new JobSettled(jobId, PricingPolicy.settle(quote, tariff.evalModel(), EVAL_USAGE,
                                tariff.workModel(), WORK_USAGE))));
    }

    private static String hash(String jobId, char kind) {
        String hex = jobId.replace("-", "");
        return (hex + hex).substring(0, 63) + kind;
    }

    private static String bolt11(long sats, Instant at, String memo) {
        return Bolt11.encode(BitcoinNetwork.REGTEST, sats * 1000, at, "0".repeat(64), "0".repeat(64),
                memo + " of a job", EXPIRY.toSeconds(), StubLightningNode.NODE_KEY);
    }
}
