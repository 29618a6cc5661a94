package dev.lnjobs.command.job;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.job.JobCommands.CompleteWork;
import dev.lnjobs.api.job.JobCommands.CreateJob;
import dev.lnjobs.api.job.JobCommands.RecordAddressRefundFailed;
import dev.lnjobs.api.job.JobCommands.RequestRefund;
import dev.lnjobs.api.job.JobEvents.AddressRefundDue;
import dev.lnjobs.api.job.JobEvents.AddressRefundFailed;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceRequested;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.JobSettled;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.job.JobEvents.WorkCompleted;
import dev.lnjobs.api.job.JobRuleViolation;
import dev.lnjobs.api.pricing.Settlement;
import dev.lnjobs.command.pricing.PricingPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.job.JobFixtures.*;

/** A job created with a refund address: its refund is due there at settlement, less a fee reserve. */
class JobAddressRefundTest {

    private static final String ADDRESS = "alice@wallet.example";
    /** Work used 60 in / 50 out: 2 of the 129 sats paid are owed (see JobRefundTest). */
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);
    private static final Settlement SETTLEMENT = PricingPolicy.settle(QUOTE, TARIFF.evalModel(), EVAL_USAGE,
            TARIFF.workModel(), WORK_USAGE);
    private static final String HASH = "f".repeat(64);

    private FixtureConfiguration<Job> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Job.class);
    }

    private static Object[] executingWithAddress() {
        Object[] events = executing();
        events[0] = new JobCreated(JOB, REQUEST, TARIFF, T0, ADDRESS);
        return events;
    }

    private static Object[] addressRefundDue() {
        return append(append(append(executingWithAddress(), new WorkCompleted(JOB, "r", TARIFF.workModel(),
                WORK_USAGE)), new JobSettled(JOB, SETTLEMENT)), new AddressRefundDue(JOB, ADDRESS, 2));
    }

    @Test
    void records_the_refund_address_at_creation() {
        fixture.givenNoPriorActivity()
                .when(new CreateJob(JOB, REQUEST, TARIFF, T0, ADDRESS))
                .expectEvents(new JobCreated(JOB, REQUEST, TARIFF, T0, ADDRESS),
                        new EvalInvoiceRequested(JOB, TARIFF.evalFeeSats()));
    }

    @Test
    void a_settled_job_with_a_refund_address_owes_its_refund_there() {
        fixture.given(executingWithAddress())
                .when(new CompleteWork(JOB, "r", TARIFF.workModel(), WORK_USAGE))
                .expectEvents(new WorkCompleted(JOB, "r", TARIFF.workModel(), WORK_USAGE),
                        new JobSettled(JOB, SETTLEMENT), new AddressRefundDue(JOB, ADDRESS, 2));
    }

    @Test
    void a_settled_job_without_one_owes_nothing_to_an_address() {
        fixture.given(executing())
                .when(new CompleteWork(JOB, "r", TARIFF.workModel(), WORK_USAGE))
                .expectEvents(new WorkCompleted(JOB, "r", TARIFF.workModel(), WORK_USAGE),
                        new JobSettled(JOB, SETTLEMENT));
    }

    @Test
    void records_the_intent_to_pay_the_address_the_refund_less_its_reserve() {
        fixture.given(addressRefundDue())
                .when(new RequestRefund(JOB, "lnbcrt10n1x", HASH, 1, T0, ADDRESS, 1))
                .expectEvents(new RefundRequested(JOB, "lnbcrt10n1x", HASH, 1, T0, ADDRESS, 1));
    }

    @Test
    void refuses_an_address_refund_whose_amount_and_reserve_are_not_the_refund() {
        fixture.given(addressRefundDue())
                .when(new RequestRefund(JOB, "lnbcrt10n1x", HASH, 1, T0, ADDRESS, 2))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void refuses_a_claim_to_an_invoice_that_keeps_a_reserve() {
        fixture.given(addressRefundDue())
                .when(new RequestRefund(JOB, "lnbcrt10n1x", HASH, 1, T0, null, 1))
                .expectException(JobRuleViolation.class);
    }

    @Test
    void a_failed_address_is_recorded_and_the_refund_stays_claimable_by_hand() {
        fixture.given(append(addressRefundDue(), new AddressRefundFailed(JOB, ADDRESS, "refused")))
                .when(new RequestRefund(JOB, "lnbcrt20n1claim", HASH, 2, T0))
                .expectEvents(new RefundRequested(JOB, "lnbcrt20n1claim", HASH, 2, T0));
        fixture.given(addressRefundDue())
                .when(new RecordAddressRefundFailed(JOB, ADDRESS, "refused"))
                .expectEvents(new AddressRefundFailed(JOB, ADDRESS, "refused"));
    }
}
