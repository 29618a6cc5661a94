package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.CheckBootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrapRefund;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundRequested;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.bootstrap.BootstrapFixtures.*;

/** A failed bootstrap's refund: claimed once for exactly the fee, paid or failed on the node's word only. */
class BootstrapRefundClaimsTest {

    private static final String REFUND_HASH = "e".repeat(64);
    private static final String OTHER_HASH = "f".repeat(64);

    private FixtureConfiguration<BootstrapJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BootstrapJob.class);
    }

    private static Object[] owing() {
        return append(withDroplet(), new ProvisioningFailed(ID, "timed out", BootstrapState.PROVISIONING, DROPLET,
                null), new BootstrapRefundDue(ID, HASH, FEE, FEE));
    }

    private static Object[] claimed() {
        return append(owing(), new BootstrapRefundRequested(ID, "lnbcrt1refund", REFUND_HASH, FEE, T0));
    }

    @Test
    void answers_the_fee_owed_and_records_a_claim_for_exactly_it() {
        fixture.given(owing()).when(new CheckBootstrapRefundDue(ID)).expectResultMessagePayload(FEE);
        fixture.given(owing())
                .when(new RequestBootstrapRefund(ID, "lnbcrt1refund", REFUND_HASH, FEE, T0))
                .expectEvents(new BootstrapRefundRequested(ID, "lnbcrt1refund", REFUND_HASH, FEE, T0));
        fixture.given(owing())
                .when(new RequestBootstrapRefund(ID, "lnbcrt1refund", REFUND_HASH, FEE - 1, T0))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_a_claim_when_nothing_is_owed() {
        fixture.given(withDroplet()).when(new CheckBootstrapRefundDue(ID))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void a_second_claim_is_refused_while_the_first_is_pending_and_once_it_is_paid() {
        fixture.given(claimed())
                .when(new RequestBootstrapRefund(ID, "lnbcrt1other", OTHER_HASH, FEE, T0))
                .expectException(RefundAlreadyRequested.class);
        fixture.given(claimed())
                .when(new RequestBootstrapRefund(ID, "lnbcrt1refund", REFUND_HASH, FEE, T0))
                .expectNoEvents();
        fixture.given(append(claimed(), new BootstrapRefundPaid(ID, REFUND_HASH, FEE, T0)))
                .when(new CheckBootstrapRefundDue(ID))
                .expectException(RefundAlreadyRequested.class);
    }

    @Test
    void paid_once_on_the_nodes_report_and_claimable_again_after_a_failure() {
        fixture.given(claimed())
                .when(new RecordBootstrapRefundPaid(ID, REFUND_HASH, T0))
                .expectEvents(new BootstrapRefundPaid(ID, REFUND_HASH, FEE, T0));
        fixture.given(append(claimed(), new BootstrapRefundPaid(ID, REFUND_HASH, FEE, T0)))
                .when(new RecordBootstrapRefundPaid(ID, REFUND_HASH, T0))
                .expectNoEvents();
        fixture.given(claimed())
                .when(new RecordBootstrapRefundPaid(ID, OTHER_HASH, T0))
                .expectException(BootstrapRuleViolation.class);
        fixture.given(append(claimed(), new BootstrapRefundFailed(ID, REFUND_HASH, FEE, "no route")))
                .when(new RequestBootstrapRefund(ID, "lnbcrt1other", OTHER_HASH, FEE, T0))
                .expectEvents(new BootstrapRefundRequested(ID, "lnbcrt1other", OTHER_HASH, FEE, T0));
        fixture.given(claimed())
                .when(new RecordBootstrapRefundFailed(ID, REFUND_HASH, "no route"))
                .expectEvents(new BootstrapRefundFailed(ID, REFUND_HASH, FEE, "no route"));
    }
}
