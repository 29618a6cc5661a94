package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.CloudResource;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.lnjobs.command.bootstrap.BootstrapFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A bootstrap that fails, the cleanup it records afterwards, and the single delivery of a ready node's key. */
class BootstrapJobEndingTest {

    private FixtureConfiguration<BootstrapJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BootstrapJob.class);
    }

    private static void assertState(BootstrapJob job, BootstrapState expected) {
        assertThat(job).extracting("state").isEqualTo(expected);
    }

    // --- failure and cleanup

    @Test
    void failing_records_the_reason_and_the_state_it_failed_in() {
        fixture.given(withDroplet())
                .when(new FailProvisioning(ID, "droplet never became active", DROPLET, null))
                .expectEvents(new ProvisioningFailed(ID, "droplet never became active", BootstrapState.PROVISIONING,
                        DROPLET, null), new BootstrapRefundDue(ID, HASH, FEE, FEE))
                .expectState(job -> assertState(job, BootstrapState.FAILED));
    }

    @Test
    void an_unpaid_bootstrap_can_fail_when_its_invoice_cannot_be_issued() {
        fixture.given(requested(PLAN))
                .when(new FailProvisioning(ID, "invoice failed: node down", null, null))
                .expectEvents(new ProvisioningFailed(ID, "invoice failed: node down", BootstrapState.AWAITING_PAYMENT,
                        null, null));
    }

    @Test
    void a_droplet_the_saga_created_but_could_not_record_is_still_left_for_cleanup() {
        fixture.given(keyed(PLAN))
                .when(new FailProvisioning(ID, "provisioning did not finish within 10 minutes", DROPLET, null))
                .expectEvents(new ProvisioningFailed(ID, "provisioning did not finish within 10 minutes",
                        BootstrapState.PROVISIONING, DROPLET, null), new BootstrapRefundDue(ID, HASH, FEE, FEE));
    }

    @Test
    void a_payment_after_the_bootstrap_failed_unpaid_is_owed_back_whole_once() {
        Object[] failedUnpaid = append(awaitingPayment(), new ProvisioningFailed(ID, "invoice expired unpaid",
                BootstrapState.AWAITING_PAYMENT, null, null));
        fixture.given(failedUnpaid)
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(4000)))
                .expectEvents(new BootstrapLatePaymentReceived(ID, HASH, FEE, T0.plusSeconds(4000),
                        BootstrapState.FAILED, FEE));
        fixture.given(append(failedUnpaid, new BootstrapLatePaymentReceived(ID, HASH, FEE, T0.plusSeconds(4000),
                        BootstrapState.FAILED, FEE)))
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(4001)))
                .expectNoEvents();
    }

    @Test
    void a_repeated_payment_notice_of_a_paid_bootstrap_records_nothing() {
        fixture.given(ready())
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(4000)))
                .expectNoEvents();
    }

    @Test
    void refuses_a_failure_report_naming_another_droplet_than_the_recorded_one() {
        fixture.given(withDroplet())
                .when(new FailProvisioning(ID, "x", 42L, null))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void failing_twice_changes_nothing_and_a_ready_node_cannot_fail() {
        fixture.given(failedWithVolumeAndDroplet())
                .when(new FailProvisioning(ID, "again", null, null))
                .expectNoEvents();
        fixture.given(ready())
                .when(new FailProvisioning(ID, "late timeout", DROPLET, null))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void no_provisioning_step_is_recorded_after_failure() {
        fixture.given(append(keyed(PLAN), new ProvisioningFailed(ID, "x", BootstrapState.PROVISIONING, null, null)))
                .when(new RecordDropletCreated(ID, DROPLET))
                .expectException(BootstrapRuleViolation.class)
                .expectExceptionMessage("cannot record a droplet while the bootstrap is failed");
        fixture.given(append(withDroplet(),
                        new ProvisioningFailed(ID, "x", BootstrapState.PROVISIONING, DROPLET, null)))
                .when(new RecordNodeReady(ID, "203.0.113.54", null, null))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void records_deletion_of_the_droplet_then_the_volume_once_each() {
        fixture.given(failedWithVolumeAndDroplet())
                .when(new RecordDropletDeleted(ID, DROPLET))
                .expectEvents(new DropletDeleted(ID, DROPLET));
        fixture.given(append(failedWithVolumeAndDroplet(), new DropletDeleted(ID, DROPLET)))
                .when(new RecordVolumeDeleted(ID, VOLUME))
                .expectEvents(new VolumeDeleted(ID, VOLUME));
        fixture.given(append(failedWithVolumeAndDroplet(), new DropletDeleted(ID, DROPLET)))
                .when(new RecordDropletDeleted(ID, DROPLET))
                .expectNoEvents();
    }

    @Test
    void refuses_to_record_deletion_of_a_running_nodes_droplet_or_of_another_droplet() {
        fixture.given(ready())
                .when(new RecordDropletDeleted(ID, DROPLET))
                .expectException(BootstrapRuleViolation.class);
        fixture.given(failedWithVolumeAndDroplet())
                .when(new RecordDropletDeleted(ID, 42))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void abandoned_cleanup_is_recorded_once_and_then_counts_as_done() {
        fixture.given(failedWithVolumeAndDroplet())
                .when(new RecordCleanupAbandoned(ID, CloudResource.VOLUME, VOLUME, "still attached"))
                .expectEvents(new CleanupAbandoned(ID, CloudResource.VOLUME, VOLUME, "still attached"));
        fixture.given(append(failedWithVolumeAndDroplet(),
                        new CleanupAbandoned(ID, CloudResource.VOLUME, VOLUME, "still attached")))
                .when(new RecordVolumeDeleted(ID, VOLUME))
                .expectNoEvents();
    }

    // --- key delivery

    @Test
    void key_delivery_is_recorded_once_and_only_for_a_ready_node() {
        fixture.given(ready())
                .when(new RecordSshKeyDelivered(ID, T0.plusSeconds(600)))
                .expectEvents(new SshKeyDelivered(ID, T0.plusSeconds(600)));
        fixture.given(append(ready(), new SshKeyDelivered(ID, T0.plusSeconds(600))))
                .when(new RecordSshKeyDelivered(ID, T0.plusSeconds(700)))
                .expectNoEvents();
        fixture.given(withDroplet())
                .when(new RecordSshKeyDelivered(ID, T0.plusSeconds(600)))
                .expectException(BootstrapRuleViolation.class);
    }
}
