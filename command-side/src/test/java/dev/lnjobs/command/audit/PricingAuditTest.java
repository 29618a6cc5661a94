package dev.lnjobs.command.audit;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.command.audit.PricingAuditReport.Mismatch;
import dev.lnjobs.command.pricing.PricingPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job at the seed's defaults: 38 characters quoted at 129 sats at 100,000 USD/BTC; evaluation 40 in / 20 out and
 * work 60 in / 50 out settle at 127 sats, so 2 are refunded (see PricingPolicyTest and JobRefundTest).
 */
class PricingAuditTest {

    static final String JOB = "6f1c2b8e-0d3a-4c1e-9a57-2f0e5d8c7b11";
    static final String REQUEST = "Write a haiku about lightning payments";
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final BtcPrice PRICE = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK, T0);
    static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);
    static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);

    private final PricingAudit audit = new PricingAudit();

    @Test
    void a_job_priced_by_the_policy_audits_clean() {
        feed(completeJob(JOB, Tariff.defaults()));

        PricingAuditReport report = audit.report();
        assertThat(report.jobsAudited()).isEqualTo(1);
        assertThat(report.eventsRead()).isEqualTo(11);
        assertThat(report.mismatchCount()).isZero();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void a_job_whose_creation_carried_its_evaluation_invoice_audits_as_one_whose_saga_issued_it() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        replace(events, new JobCreated(JOB, REQUEST, Tariff.defaults(), T0, null, true));
        feed(events);

        PricingAuditReport report = audit.report();
        assertThat(report.jobsAudited()).isEqualTo(1);
        assertThat(report.eventsRead()).isEqualTo(11);
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void reports_an_evaluation_invoice_that_came_with_the_creation_for_another_amount_than_the_fee() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        replace(events, new JobCreated(JOB, REQUEST, Tariff.defaults(), T0, null, true));
        replace(events, new EvalInvoiceIssued(JOB, invoice("a", 11)));
        feed(events);

        assertThat(audit.report().mismatches())
                .containsExactly(new Mismatch(JOB, "eval_invoice.amount_sats", "10", "11"));
    }

    @Test
    void reports_a_work_invoice_for_another_amount_than_the_quote() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        replace(events, new WorkInvoiceIssued(JOB, invoice("b", 130)));
        feed(events);

        assertThat(audit.report().mismatches())
                .containsExactly(new Mismatch(JOB, "work_invoice.amount_sats", "129", "130"));
    }

    @Test
    void reports_a_quote_that_the_policy_does_not_derive_and_nothing_downstream_of_it() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        WorkQuote honest = find(events, WorkQuoted.class).quote();
        replace(events, new WorkQuoted(JOB, new WorkQuote(honest.tier(), honest.requestChars(),
                honest.estimatedInputTokens(), honest.estimatedOutputTokens(), honest.tokenCostUsd(),
                honest.infraCostUsd(), new BigDecimal("0.5"), 500, honest.btcPrice(), honest.tariff())));
        feed(events);

        assertThat(audit.report().mismatches()).containsExactly(
                new Mismatch(JOB, "work_quote.total_usd", "0.128975", "0.5"),
                new Mismatch(JOB, "work_quote.amount_sats", "129", "500"));
        assertThat(audit.report().mismatchCount()).isEqualTo(2);
    }

    @Test
    void reports_a_settlement_refund_the_actual_tokens_do_not_give() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        Settlement honest = find(events, JobSettled.class).settlement();
        assertThat(honest.refundAmountSats()).isEqualTo(2);
        replace(events, new JobSettled(JOB, new Settlement(honest.evalModel(), honest.evalUsage(), honest.workModel(),
                honest.workUsage(), honest.evalCostUsd(), honest.workCostUsd(), honest.actualCostUsd(),
                honest.infraCostUsd(), honest.marginPct(), honest.btcPriceUsd(), 129, 127, 50)));
        feed(events);

        assertThat(audit.report().mismatches())
                .containsExactly(new Mismatch(JOB, "settlement.refund_amount_sats", "2", "50"));
    }

    @Test
    void reports_a_refund_for_another_amount_than_the_settlement_owes() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        replace(events, new RefundRequested(JOB, "lnbcrt30n1refund", "f".repeat(64), 3, T0));
        replace(events, new RefundPaid(JOB, "f".repeat(64), 3, T0));
        feed(events);

        assertThat(audit.report().mismatches()).containsExactly(
                new Mismatch(JOB, "refund_request.amount_sats", "2", "3"),
                new Mismatch(JOB, "refund_payment.amount_sats", "2", "3"));
    }

    @Test
    void reports_an_evaluation_invoice_for_another_amount_than_the_recorded_fee() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        replace(events, new EvalInvoiceIssued(JOB, invoice("a", 1)));
        feed(events);

        assertThat(audit.report().mismatches())
                .containsExactly(new Mismatch(JOB, "eval_invoice.amount_sats", "10", "1"));
    }

    @Test
    void prices_with_the_tariff_the_job_recorded_not_the_defaults() {
        // 38 chars, short up to 50: input 20 + 10 = 30, output 100 at 0.004/0.02 = 0.00212; infra 150/1000 = 0.15;
        // 0.15212 × 1.4 = 0.212968 USD -> 213 sats. Settled: eval 40/20 at 0.001/0.005 = 0.00014, work 60/50 at
        // 0.004/0.02 = 0.00124; (0.00138 + 0.15) × 1.4 = 0.211932 -> 212 sats, so 1 is refunded.
        Tariff changed = new Tariff(21, 50, 200, new BigDecimal("0.001"), new BigDecimal("0.005"),
                new BigDecimal("0.004"), new BigDecimal("0.02"), new BigDecimal("150"), 1000, new BigDecimal("40"),
                100, 300, 600, 20, "claude-haiku-4-5", "claude-sonnet-4-6");
        List<Object> events = completeJob(JOB, changed);
        assertThat(find(events, WorkQuoted.class).quote().amountSats()).isEqualTo(213);
        assertThat(find(events, JobSettled.class).settlement().refundAmountSats()).isEqualTo(1);
        feed(events);

        assertThat(audit.report().mismatchCount()).isZero();
        assertThat(audit.report().jobsAudited()).isEqualTo(1);
    }

    @Test
    void reports_a_quote_whose_recorded_tariff_is_not_the_jobs() {
        List<Object> events = completeJob(JOB, Tariff.defaults());
        WorkQuote honest = find(events, WorkQuoted.class).quote();
        Tariff other = new Tariff(10, 100, 300, new BigDecimal("0.0008"), new BigDecimal("0.004"),
                new BigDecimal("0.003"), new BigDecimal("0.015"), new BigDecimal("100"), 1000, new BigDecimal("50"),
                200, 400, 800, 50, "claude-haiku-4-5", "claude-sonnet-4-6");
        replace(events, new WorkQuoted(JOB, new WorkQuote(honest.tier(), honest.requestChars(),
                honest.estimatedInputTokens(), honest.estimatedOutputTokens(), honest.tokenCostUsd(),
                honest.infraCostUsd(), honest.totalUsd(), honest.amountSats(), honest.btcPrice(), other)));
        feed(events);

        assertThat(audit.report().mismatches()).singleElement()
                .satisfies(m -> assertThat(m.check()).isEqualTo("work_quote.tariff"))
                .satisfies(m -> assertThat(m.recorded()).contains("originatorMarginPct=50"));
    }

    @Test
    void figures_written_with_another_scale_are_the_same_figures() {
        Tariff defaults = Tariff.defaults();
        Tariff rescaled = new Tariff(10, 100, 300, new BigDecimal("0.00080"), new BigDecimal("0.0040"),
                new BigDecimal("0.003"), new BigDecimal("0.015"), new BigDecimal("1E+2"), 1000,
                new BigDecimal("25.0"), 200, 400, 800, 50, "claude-haiku-4-5", "claude-sonnet-4-6");

        assertThat(JobAudit.sameFigures(defaults, rescaled)).isTrue();
    }

    @Test
    void a_job_is_forgotten_once_refunded_rejected_or_settled_without_refund() {
        feed(completeJob(JOB, Tariff.defaults()));
        String rejected = "11111111-0d3a-4c1e-9a57-2f0e5d8c7b11";
        feed(List.of(new JobCreated(rejected, REQUEST, Tariff.defaults(), T0),
                new JobRejected(rejected, "no", "claude-haiku-4-5", EVAL_USAGE)));
        String inFlight = "22222222-0d3a-4c1e-9a57-2f0e5d8c7b11";
        feed(completeJob(inFlight, Tariff.defaults()).subList(0, 5)); // up to the quote

        assertThat(audit.openJobs()).isEqualTo(1);
        assertThat(audit.report().jobsAudited()).isEqualTo(3);
        assertThat(audit.report().mismatchCount()).isZero();
    }

    @Test
    void paid_work_that_failed_and_a_late_payment_are_owed_back_whole_and_audited_until_refunded() {
        List<Object> failed = new ArrayList<>(completeJob(JOB, Tariff.defaults()).subList(0, 7)); // work paid
        long work = find(failed, WorkInvoicePaid.class).amountSats();
        failed.add(new dev.lnjobs.api.job.JobEvents.JobFailed(JOB, "model down", dev.lnjobs.api.job.JobState.EXECUTING,
                new dev.lnjobs.api.job.JobEvents.PaidWorkRefund("b".repeat(64), work, work)));
        failed.add(new RefundRequested(JOB, "lnbcrt1refund", "f".repeat(64), work, T0));
        failed.add(new RefundPaid(JOB, "f".repeat(64), work, T0));
        feed(failed);
        String late = "33333333-0d3a-4c1e-9a57-2f0e5d8c7b11";
        feed(List.of(new JobCreated(late, REQUEST, Tariff.defaults(), T0),
                new JobRejected(late, "no", "claude-haiku-4-5", EVAL_USAGE),
                new dev.lnjobs.api.job.JobEvents.LatePaymentReceived(late, "c".repeat(64), 10, T0,
                        dev.lnjobs.api.job.JobState.REJECTED, 10),
                new RefundRequested(late, "lnbcrt1late", "e".repeat(64), 9, T0)));

        assertThat(audit.report().mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.jobId()).isEqualTo(late);
            assertThat(mismatch.check()).isEqualTo("refund_request.amount_sats");
        });
        assertThat(audit.openJobs()).isEqualTo(1);
    }

    @Test
    void a_priced_event_of_a_job_that_was_never_created_is_reported() {
        audit.accept(JOB, new WorkInvoiceIssued(JOB, invoice("b", 129)));

        assertThat(audit.report().mismatches()).containsExactly(new Mismatch(JOB, "job.sequence",
                "an open job (created, not yet ended or refunded)", "WorkInvoiceIssued without one"));
    }

    @Test
    void a_payload_missing_a_figure_is_reported_and_the_audit_goes_on() {
        audit.accept(JOB, new JobCreated(JOB, REQUEST, Tariff.defaults(), T0));
        audit.accept(JOB, new WorkQuoted(JOB, null));
        audit.unreadable(JOB, "dev.lnjobs.api.job.JobEvents$JobSettled", "not JSON");

        PricingAuditReport report = audit.report();
        assertThat(report.eventsRead()).isEqualTo(3);
        assertThat(report.mismatches()).extracting(Mismatch::check)
                .containsExactly("event.unpriceable", "event.unreadable");
    }

    @Test
    void keeps_the_first_thousand_mismatches_and_counts_them_all() {
        for (int i = 0; i < 1500; i++) {
            audit.accept("job-" + i, new RefundPaid("job-" + i, "f".repeat(64), 2, T0));
        }

        assertThat(audit.report().mismatchCount()).isEqualTo(1500);
        assertThat(audit.report().mismatches()).hasSize(PricingAudit.MISMATCHES_KEPT);
        assertThat(audit.report().mismatches().get(0).jobId()).isEqualTo("job-0");
    }

    @Test
    void other_payloads_are_counted_and_ignored() {
        audit.accept("session-1", "not a job event");

        assertThat(audit.report().eventsRead()).isEqualTo(1);
        assertThat(audit.report().mismatchCount()).isZero();
    }

    private void feed(List<Object> events) {
        for (Object event : events) {
            audit.accept(jobIdOf(event), event);
        }
    }

    private static String jobIdOf(Object event) {
        try {
            return (String) event.getClass().getMethod("jobId").invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The eleven events of a job priced by the policy, from creation to a paid refund. */
    static List<Object> completeJob(String jobId, Tariff tariff) {
        WorkQuote quote = PricingPolicy.quoteWork(REQUEST, tariff, PRICE);
        Settlement settlement = PricingPolicy.settle(quote, tariff.evalModel(), EVAL_USAGE, tariff.workModel(),
                WORK_USAGE);
        String refundHash = "f".repeat(64);
        List<Object> events = new ArrayList<>(List.of(
                new JobCreated(jobId, REQUEST, tariff, T0),
                new EvalInvoiceIssued(jobId, invoice("a", tariff.evalFeeSats())),
                new EvalInvoicePaid(jobId, "a".repeat(64), tariff.evalFeeSats(), T0),
                new JobAccepted(jobId, "fine", tariff.evalModel(), EVAL_USAGE),
                new WorkQuoted(jobId, quote),
                new WorkInvoiceIssued(jobId, invoice("b", quote.amountSats())),
                new WorkInvoicePaid(jobId, "b".repeat(64), quote.amountSats(), T0),
                new WorkCompleted(jobId, "a haiku", tariff.workModel(), WORK_USAGE),
                new JobSettled(jobId, settlement),
                new RefundRequested(jobId, "lnbcrt1refund", refundHash, settlement.refundAmountSats(), T0),
                new RefundPaid(jobId, refundHash, settlement.refundAmountSats(), T0)));
        return events;
    }

    private static <T> T find(List<Object> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Replaces the event of the same type with a tampered one. */
    private static void replace(List<Object> events, Object tampered) {
        events.replaceAll(event -> event.getClass() == tampered.getClass() ? tampered : event);
    }

    private static Invoice invoice(String hashChar, long amountSats) {
        return new Invoice(hashChar.repeat(64), "lnbcrt1" + hashChar, amountSats, T0.plusSeconds(3600));
    }
}
