package dev.lnjobs.command.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobCommands.CheckRefundDue;
import dev.lnjobs.api.job.JobCommands.RecordRefundFailed;
import dev.lnjobs.api.job.JobCommands.RecordRefundPaid;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundFailed;
import dev.lnjobs.api.job.JobEvents.RefundPaid;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.command.pricing.PricingPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.job.JobFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class JobRefundTest {

    /** Work used 60 in / 50 out: actual 127 sats of the 129 paid, so 2 are owed (see PricingPolicyTest). */
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);
    private static final Settlement SETTLEMENT = PricingPolicy.settle(QUOTE, TARIFF.evalModel(), EVAL_USAGE,
            TARIFF.workModel(), WORK_USAGE);
    private static final String REFUND_HASH = "f".repeat(64);
    private static final String BOLT11 = "lnbcrt20n1refund";

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private static Object[] settled() {
        return append(append(executing(), new WorkCompleted(JOB, "r", TARIFF.workModel(), WORK_USAGE)),
                new JobSettled(JOB, SETTLEMENT));
    }

    private static Object[] refundRequested() {
        return append(settled(), new RefundRequested(JOB, BOLT11, REFUND_HASH, 2, T0));
    }

    @Test
    void the_settlement_owes_two_sats() {
        assertThat(SETTLEMENT.actualAmountSats()).isEqualTo(127);
        assertThat(SETTLEMENT.refundAmountSats()).isEqualTo(2);
    }

    @Test
    void records_the_refund_intent_before_anything_is_paid() {
        fixture.given(settled())
                .when(new RequestRefund(JOB, BOLT11, REFUND_HASH, 2, T0))
                .expectEvents(new RefundRequested(JOB, BOLT11, REFUND_HASH, 2, T0));
    }

    @Test
    void refuses_a_refund_for_another_amount() {
        fixture.given(settled())
                .when(new RequestRefund(JOB, BOLT11, REFUND_HASH, 3, T0))
                .expectException(JobRuleViolation.class)
                .expectExceptionMessage("the refund invoice must be for exactly 2 sats");
    }

    @Test
    void a_second_refund_request_is_refused_with_the_original_hash() {
        fixture.given(refundRequested())
                .when(new RequestRefund(JOB, "lnbcrt20n1other", "e".repeat(64), 2, T0))
                .expectException(RefundAlreadyRequested.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(REFUND_HASH));
    }

    @Test
    void a_refund_request_after_payment_is_refused_with_the_original_hash() {
        fixture.given(append(refundRequested(), new RefundPaid(JOB, REFUND_HASH, 2, T0)))
                .when(new RequestRefund(JOB, BOLT11, REFUND_HASH, 2, T0))
                .expectException(RefundAlreadyRequested.class);
    }

    @Test
    void refuses_a_refund_when_none_is_due() {
        Settlement exact = new Settlement(SETTLEMENT.evalModel(), SETTLEMENT.evalUsage(), SETTLEMENT.workModel(),
                SETTLEMENT.workUsage(), SETTLEMENT.evalCostUsd(), SETTLEMENT.workCostUsd(), SETTLEMENT.actualCostUsd(),
                SETTLEMENT.infraCostUsd(), SETTLEMENT.marginPct(), SETTLEMENT.btcPriceUsd(), 129, 129, 0);
        fixture.given(append(append(executing(), new WorkCompleted(JOB, "r", TARIFF.workModel(), WORK_USAGE)),
                        new JobSettled(JOB, exact)))
                .when(new RequestRefund(JOB, BOLT11, REFUND_HASH, 0, T0))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void refuses_a_refund_before_the_job_is_settled() {
        fixture.given(executing())
                .when(new RequestRefund(JOB, BOLT11, REFUND_HASH, 2, T0))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void a_paid_refund_is_recorded_once() {
        fixture.given(refundRequested())
                .when(new RecordRefundPaid(JOB, REFUND_HASH, T0))
                .expectEvents(new RefundPaid(JOB, REFUND_HASH, 2, T0));
        fixture.given(append(refundRequested(), new RefundPaid(JOB, REFUND_HASH, 2, T0)))
                .when(new RecordRefundPaid(JOB, REFUND_HASH, T0))
                .expectNoEvents();
    }

    @Test
    void a_failed_refund_can_be_asked_for_again_with_a_new_invoice() {
        fixture.given(append(refundRequested(), new RefundFailed(JOB, REFUND_HASH, "no route")))
                .when(new RequestRefund(JOB, "lnbcrt20n1again", "e".repeat(64), 2, T0))
                .expectEvents(new RefundRequested(JOB, "lnbcrt20n1again", "e".repeat(64), 2, T0));
    }

    @Test
    void a_failure_of_another_payment_is_refused() {
        fixture.given(refundRequested())
                .when(new RecordRefundFailed(JOB, "e".repeat(64), "x"))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void the_check_before_a_claim_answers_the_refund_due_and_records_nothing() {
        fixture.given(settled())
                .when(new CheckRefundDue(JOB))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L)
                .expectNoEvents();
    }

    @Test
    void the_check_before_a_claim_refuses_as_the_claim_would() {
        fixture.given(executing())
                .when(new CheckRefundDue(JOB))
                .expectException(JobRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not settled yet"));
        fixture.given(refundRequested())
                .when(new CheckRefundDue(JOB))
                .expectException(RefundAlreadyRequested.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(REFUND_HASH));
    }
}
