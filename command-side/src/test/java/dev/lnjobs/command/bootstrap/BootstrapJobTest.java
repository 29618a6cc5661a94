package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lnjobs.command.bootstrap.BootstrapFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A bootstrap from its request through payment and each provisioning step to a ready node. */
class BootstrapJobTest {

    private FixtureConfiguration<BootstrapJob> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BootstrapJob.class);
    }

    private static void assertState(BootstrapJob job, BootstrapState expected) {
        assertThat(job).extracting("state").isEqualTo(expected);
    }

    // --- request and invoice

    @Test
    void requesting_records_fee_plan_and_node_name_awaiting_payment() {
        fixture.givenNoPriorActivity()
                .when(new RequestBootstrap(ID, NODE, FEE, PLAN, T0))
                .expectEvents(new BootstrapRequested(ID, NODE, FEE, PLAN, T0))
                .expectState(job -> assertState(job, BootstrapState.AWAITING_PAYMENT));
    }

    @Test
    void refuses_a_free_bootstrap() {
        fixture.givenNoPriorActivity()
                .when(new RequestBootstrap(ID, NODE, 0, PLAN, T0))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_a_node_name_that_is_not_a_hostname() {
        fixture.givenNoPriorActivity()
                .when(new RequestBootstrap(ID, "Timmy Node", FEE, PLAN, T0))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void issues_the_invoice_for_the_fee() {
        fixture.given(requested(PLAN))
                .when(new IssueBootstrapInvoice(ID, INVOICE))
                .expectEvents(new BootstrapInvoiceIssued(ID, INVOICE));
    }

    @Test
    void reissuing_the_same_invoice_changes_nothing() {
        fixture.given(awaitingPayment())
                .when(new IssueBootstrapInvoice(ID, INVOICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refuses_a_second_different_invoice() {
        fixture.given(awaitingPayment())
                .when(new IssueBootstrapInvoice(ID, new Invoice("c".repeat(64), "lnbcrt1x", FEE, T0)))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_an_invoice_for_another_amount_than_the_fee() {
        fixture.given(requested(PLAN))
                .when(new IssueBootstrapInvoice(ID, new Invoice(HASH, "lnbcrt1x", FEE - 1, T0)))
                .expectException(BootstrapRuleViolation.class)
                .expectExceptionMessage("the bootstrap invoice must be for BOOTSTRAP_FEE_SATS (10000)");
    }

    // --- payment

    @Test
    void payment_starts_provisioning_with_the_invoiced_amount() {
        fixture.given(awaitingPayment())
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(5)))
                .expectEvents(new BootstrapPaid(ID, HASH, FEE, T0.plusSeconds(5)))
                .expectState(job -> assertState(job, BootstrapState.PROVISIONING));
    }

    @Test
    void a_duplicate_payment_notice_is_a_no_op() {
        fixture.given(provisioning(PLAN))
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(9)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_payment_notice_after_the_node_is_ready_is_a_no_op() {
        fixture.given(ready())
                .when(new ConfirmBootstrapPaid(ID, HASH, T0.plusSeconds(900)))
                .expectNoEvents();
    }

    @Test
    void refuses_a_payment_notice_for_a_hash_it_never_issued() {
        fixture.given(awaitingPayment())
                .when(new ConfirmBootstrapPaid(ID, "d".repeat(64), T0))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_a_payment_notice_before_any_invoice() {
        fixture.given(requested(PLAN))
                .when(new ConfirmBootstrapPaid(ID, HASH, T0))
                .expectException(BootstrapRuleViolation.class);
    }

    // --- provisioning steps

    @Test
    void records_the_ssh_public_key_and_fingerprint() {
        fixture.given(provisioning(PLAN))
                .when(new RecordSshKey(ID, PUBLIC_KEY, FINGERPRINT))
                .expectEvents(new SshKeyGenerated(ID, PUBLIC_KEY, FINGERPRINT));
    }

    @Test
    void refuses_an_ssh_key_before_payment() {
        fixture.given(awaitingPayment())
                .when(new RecordSshKey(ID, PUBLIC_KEY, FINGERPRINT))
                .expectException(BootstrapRuleViolation.class)
                .expectExceptionMessage("cannot record an SSH key while the bootstrap is awaiting_payment");
    }

    @Test
    void recording_the_same_key_again_changes_nothing_but_a_different_key_is_refused() {
        fixture.given(keyed(PLAN))
                .when(new RecordSshKey(ID, PUBLIC_KEY, FINGERPRINT))
                .expectNoEvents();
        fixture.given(keyed(PLAN))
                .when(new RecordSshKey(ID, "ssh-ed25519 AAAAother", "SHA256:other"))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void records_the_planned_volume_after_the_key() {
        fixture.given(keyed(PLAN_WITH_VOLUME))
                .when(new RecordVolumeCreated(ID, VOLUME, VOLUME_NAME))
                .expectEvents(new VolumeCreated(ID, VOLUME, VOLUME_NAME, 1000));
    }

    @Test
    void refuses_a_volume_the_plan_does_not_have() {
        fixture.given(keyed(PLAN))
                .when(new RecordVolumeCreated(ID, VOLUME, VOLUME_NAME))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_a_volume_before_the_key() {
        fixture.given(provisioning(PLAN_WITH_VOLUME))
                .when(new RecordVolumeCreated(ID, VOLUME, VOLUME_NAME))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void records_the_tailscale_key_once_without_the_key_itself() {
        fixture.given(keyed(PLAN))
                .when(new RecordTailscaleKey(ID, List.of("tag:timmy-node")))
                .expectEvents(new TailscaleKeyCreated(ID, List.of("tag:timmy-node")));
        fixture.given(append(keyed(PLAN), new TailscaleKeyCreated(ID, List.of())))
                .when(new RecordTailscaleKey(ID, List.of()))
                .expectNoEvents();
    }

    @Test
    void records_the_droplet_with_the_planned_region_and_size() {
        fixture.given(keyed(PLAN))
                .when(new RecordDropletCreated(ID, DROPLET))
                .expectEvents(new DropletCreated(ID, DROPLET, "nyc3", "s-4vcpu-8gb"));
    }

    @Test
    void refuses_the_droplet_before_its_planned_volume() {
        fixture.given(keyed(PLAN_WITH_VOLUME))
                .when(new RecordDropletCreated(ID, DROPLET))
                .expectException(BootstrapRuleViolation.class)
                .expectExceptionMessage("the planned volume comes before the droplet");
    }

    @Test
    void refuses_a_second_droplet() {
        fixture.given(withDroplet())
                .when(new RecordDropletCreated(ID, DROPLET + 1))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void attaches_the_nodes_own_volume_to_its_own_droplet_only() {
        fixture.given(withVolumeAndDroplet())
                .when(new RecordVolumeAttached(ID, VOLUME, DROPLET))
                .expectEvents(new VolumeAttached(ID, VOLUME, DROPLET));
        fixture.given(withVolumeAndDroplet())
                .when(new RecordVolumeAttached(ID, VOLUME, 42))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void a_node_with_its_droplet_becomes_ready_with_its_address() {
        fixture.given(withDroplet())
                .when(new RecordNodeReady(ID, "203.0.113.54", "timmy-node-1a2b3c4d.tail1234.ts.net",
                        "https://timmy-node-1a2b3c4d.tail1234.ts.net"))
                .expectEvents(new NodeReady(ID, "203.0.113.54", "timmy-node-1a2b3c4d.tail1234.ts.net",
                        "https://timmy-node-1a2b3c4d.tail1234.ts.net"))
                .expectState(job -> assertState(job, BootstrapState.READY));
    }

    @Test
    void refuses_readiness_without_a_droplet() {
        fixture.given(keyed(PLAN))
                .when(new RecordNodeReady(ID, "203.0.113.54", null, null))
                .expectException(BootstrapRuleViolation.class);
    }

    @Test
    void refuses_readiness_before_the_planned_volume_is_attached() {
        fixture.given(withVolumeAndDroplet())
                .when(new RecordNodeReady(ID, "203.0.113.54", null, null))
                .expectException(BootstrapRuleViolation.class)
                .expectExceptionMessage("the planned volume must be attached first");
    }

    @Test
    void declaring_a_ready_node_ready_again_changes_nothing() {
        fixture.given(ready())
                .when(new RecordNodeReady(ID, "203.0.113.99", null, null))
                .expectNoEvents();
    }
}
