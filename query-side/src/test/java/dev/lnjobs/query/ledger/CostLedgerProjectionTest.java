package dev.lnjobs.query.ledger;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobEvents.JobAccepted;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkQuoted;
import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.RefundState;
import dev.lnjobs.api.pricing.BtcPrice;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.pricing.WorkQuote;
import dev.lnjobs.query.EventFeed;
import dev.lnjobs.query.ProjectionTest;
import dev.lnjobs.query.job.JobProjection;
import dev.lnjobs.query.job.JobStatus;
import dev.lnjobs.query.job.JobStatusReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;

import static dev.lnjobs.query.Fixtures.hash;
import static dev.lnjobs.query.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

class CostLedgerProjectionTest extends ProjectionTest {

    private static final TokenUsage EVAL_USAGE = new TokenUsage(120, 30);
    private static final TokenUsage WORK_USAGE = new TokenUsage(61, 180);

    @Autowired
    CostLedgerProjection ledger;
    @Autowired
    JobProjection view;
    @Autowired
    JobStatusReader reader;

    private final String jobId = id("job");

    private CostLedgerView ledgerView() {
        return reader.find(jobId).orElseThrow().ledger();
    }

    private static WorkQuote quote() {
        BtcPrice price = new BtcPrice(new BigDecimal("100000"), BtcPrice.Source.FALLBACK,
                Instant.parse("2026-12-01T12:00:00Z"));
        return new WorkQuote("short", 17, 55, 200, new BigDecimal("0.003165"), new BigDecimal("0.1"),
                new BigDecimal("0.12895625"), 129, price, Tariff.defaults());
    }

    private static Settlement settlement(long actualSats) {
        return new Settlement("claude-haiku-4-5", EVAL_USAGE, "claude-sonnet-4-6", WORK_USAGE,
                new BigDecimal("0.000216"), new BigDecimal("0.002883"), new BigDecimal("0.003099"),
                new BigDecimal("0.1"), new BigDecimal("25"), new BigDecimal("100000"), 129, actualSats,
                Math.max(0, 129 - actualSats));
    }

    /** The job's events up to its settlement, into both job read models (the status read joins them). */
    private EventFeed settled(long actualSats) {
        EventFeed feed = feed(view, ledger);
        feed.publish(jobId, new JobCreated(jobId, "Explain Lightning", Tariff.defaults(), feed.now()));
        feed.publish(jobId, new JobAccepted(jobId, "fine", "claude-haiku-4-5", EVAL_USAGE));
        feed.publish(jobId, new WorkQuoted(jobId, quote()));
        feed.publish(jobId, new JobSettled(jobId, settlement(actualSats)));
        return feed;
    }

    @Test
    void holds_estimate_actual_spend_and_refund_due_side_by_side() {
        settled(126);

        CostLedgerView ledger = ledgerView();
        assertThat(ledger.estimatedInputTokens()).isEqualTo(55);
        assertThat(ledger.estimatedOutputTokens()).isEqualTo(200);
        assertThat(ledger.evalInputTokens()).isEqualTo(120);
        assertThat(ledger.evalOutputTokens()).isEqualTo(30);
        assertThat(ledger.workInputTokens()).isEqualTo(61);
        assertThat(ledger.workOutputTokens()).isEqualTo(180);
        assertThat(ledger.estimatedTotalUsd()).isEqualByComparingTo("0.12895625");
        assertThat(ledger.actualAnthropicCostUsd()).isEqualByComparingTo("0.003099");
        assertThat(ledger.infraCostUsd()).isEqualByComparingTo("0.1");
        assertThat(ledger.marginPct()).isEqualByComparingTo("25");
        assertThat(ledger.btcPriceUsd()).isEqualByComparingTo("100000");
        assertThat(ledger.btcPriceSource()).isEqualTo("fallback");
        assertThat(ledger.workAmountSats()).isEqualTo(129);
        assertThat(ledger.actualAmountSats()).isEqualTo(126);
        assertThat(ledger.refundAmountSats()).isEqualTo(3);
        assertThat(ledger.refundState()).isEqualTo(RefundState.PENDING);
        assertThat(ledger.refundPaymentHash()).isNull();
    }

    @Test
    void owes_nothing_when_the_actual_cost_used_up_the_payment() {
        settled(129);

        assertThat(ledgerView().refundAmountSats()).isZero();
        assertThat(ledgerView().refundState()).isEqualTo(RefundState.NOT_DUE);
    }

    @Test
    void follows_a_refund_through_failure_and_a_second_attempt_to_paid() {
        EventFeed feed = settled(126);
        String first = hash(jobId + "/refund-1");
        feed.publish(jobId, new RefundRequested(jobId, "lnbcrt30n1first", first, 3, feed.now()));
        assertThat(ledgerView().refundPaymentHash()).isEqualTo(first);
        feed.publish(jobId, new RefundFailed(jobId, first, "no route"));
        assertThat(ledgerView().refundState()).isEqualTo(RefundState.FAILED);
        assertThat(ledgerView().refundFailureReason()).isEqualTo("no route");

        String second = hash(jobId + "/refund-2");
        feed.publish(jobId, new RefundRequested(jobId, "lnbcrt30n1second", second, 3, feed.now()));
        assertThat(ledgerView().refundState()).isEqualTo(RefundState.PENDING);
        assertThat(ledgerView().refundFailureReason()).isNull();
        feed.publish(jobId, new RefundPaid(jobId, second, 3, feed.now()));

        CostLedgerView ledger = ledgerView();
        assertThat(ledger.refundState()).isEqualTo(RefundState.PAID);
        assertThat(ledger.refundPaymentHash()).isEqualTo(second);
        assertThat(ledger.refundAmountSats()).isEqualTo(3);
        // The view took in events 0 and 1; the ledger's last was event 7 (the second refund's payment): the answer
        // shows event 7 last.
        assertThat(reader.find(jobId).map(JobStatus::version)).hasValue("7");
    }

    @Test
    void needs_no_job_row_to_build_its_own() {
        EventFeed feed = feed(ledger);
        feed.publish(jobId, new JobCreated(jobId, "Explain Lightning", Tariff.defaults(), feed.now()));
        feed.publish(jobId, new JobAccepted(jobId, "fine", "claude-haiku-4-5", EVAL_USAGE));

        assertThat(jdbc.queryForMap("SELECT eval_input_tokens, eval_output_tokens, version, refund_state "
                + "FROM job_cost_ledger WHERE job_id = ?", jobId))
                .containsEntry("eval_input_tokens", 120L).containsEntry("eval_output_tokens", 30L)
                .containsEntry("version", 1L).containsEntry("refund_state", null);
    }

    @Test
    void rebuilds_the_same_ledger_from_its_events_after_a_reset() {
        EventFeed feed = settled(126);
        feed.publish(jobId, new RefundRequested(jobId, "lnbcrt30n1", hash(jobId + "/refund"), 3, feed.now()));
        CostLedgerView before = ledgerView();

        EventFeed ledgerOnly = feed(ledger);
        ledgerOnly.reset();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_cost_ledger WHERE job_id = ?", Long.class, jobId))
                .isZero();
        feed.replayInto(ledger);

        assertThat(ledgerView()).isEqualTo(before);
    }
}
