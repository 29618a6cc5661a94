package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletSpec;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletState;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletStatus;
import dev.lnjobs.sagas.bootstrap.NodeBootstrapScript.NodeSetup;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The provisioning steps, each from the event that ends the one before. */
class ProvisioningSagaTest extends ProvisioningSagaTestSupport {

    // --- success

    @Test
    void a_new_bootstrap_gets_an_invoice_for_the_fee() {
        when(lightning.createInvoice(eq(FEE), anyString(), eq(Duration.ofHours(1)))).thenReturn(INVOICE);
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(PLAN))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new IssueBootstrapInvoice(ID, INVOICE));
    }

    @Test
    void payment_stores_the_private_key_in_the_vault_records_only_the_public_key_and_starts_the_clock() {
        fixture.givenAPublished(requested(PLAN))
                .whenPublishingA(paid())
                .expectDispatchedCommands(new RecordSshKey(ID, PUBLIC_KEY,
                        "SHA256:tw3fHc44RCRiKveK3q+zygW/c0tfS4DqutBL2dPZfm0"))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), ProvisioningSaga.TIMEOUT);
        verify(vault).store(ID, PRIVATE_KEY);
    }

    @Test
    void the_key_leads_to_a_droplet_booting_the_cloud_init_with_a_fresh_tailscale_key() {
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid())
                .whenPublishingA(keyed())
                .expectDispatchedCommands(new RecordTailscaleKey(ID, List.of("tag:timmy-node")),
                        new RecordDropletCreated(ID, DROPLET));

        ArgumentCaptor<DropletSpec> spec = ArgumentCaptor.forClass(DropletSpec.class);
        verify(cloud).createDroplet(spec.capture());
        assertThat(spec.getValue().name()).isEqualTo(NODE);
        assertThat(spec.getValue().region()).isEqualTo("nyc3");
        assertThat(spec.getValue().size()).isEqualTo("s-4vcpu-8gb");
        assertThat(spec.getValue().vpcUuid()).contains("760e09ef-dc84-11e8-981e-3cfdfeaae000");
        assertThat(spec.getValue().sshKeyFingerprints()).containsExactly("3b:16:bf:e4:8b:00:8b:b8:59:8c");
        assertThat(spec.getValue().tags()).containsExactly("timmy-node", "timmy-bootstrap-" + ID);
        assertThat(spec.getValue().userData()).isEqualTo("#cloud-config\nhostname: " + NODE + "\n");
        assertThat(rendered).containsExactly(new NodeSetup(NODE, PUBLIC_KEY, Optional.of(AUTH_KEY), Optional.empty()));
    }

    @Test
    void a_planned_volume_is_created_before_the_droplet() {
        when(cloud.createVolume("timmy-chain-1a2b3c4d", "nyc3", 1000)).thenReturn(VOLUME);
        fixture.givenAPublished(requested(PLAN_WITH_VOLUME)).andThenAPublished(paid())
                .whenPublishingA(keyed())
                .expectDispatchedCommands(new RecordVolumeCreated(ID, VOLUME, "timmy-chain-1a2b3c4d"));
        verify(cloud, never()).createDroplet(any());
    }

    @Test
    void the_created_volume_is_named_in_the_droplets_cloud_init() {
        fixture.givenAPublished(requested(PLAN_WITH_VOLUME)).andThenAPublished(paid()).andThenAPublished(keyed())
                .whenPublishingA(new VolumeCreated(ID, VOLUME, "timmy-chain-1a2b3c4d", 1000))
                .expectDispatchedCommands(new RecordTailscaleKey(ID, List.of("tag:timmy-node")),
                        new RecordDropletCreated(ID, DROPLET));
        assertThat(rendered).singleElement().extracting(NodeSetup::volumeName)
                .isEqualTo(Optional.of("timmy-chain-1a2b3c4d"));
    }

    @Test
    void a_new_droplet_is_polled_after_the_first_poll_delay() {
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .whenPublishingA(dropletCreated())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(5), ProvisioningSaga.STEP);
    }

    @Test
    void a_droplet_without_an_address_is_polled_again_after_twice_the_delay() {
        when(cloud.getDroplet(DROPLET)).thenReturn(new DropletStatus(DROPLET, DropletState.NEW, Optional.empty()));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(10), ProvisioningSaga.STEP);
    }

    @Test
    void poll_delays_double_up_to_the_maximum() {
        when(cloud.getDroplet(DROPLET)).thenReturn(new DropletStatus(DROPLET, DropletState.NEW, Optional.empty()));
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(195))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(60), ProvisioningSaga.STEP);
        // polls at 5, 15, 35, 75, 135 (after the 60-second cap took over) and 195 seconds
        verify(cloud, times(6)).getDroplet(DROPLET);
    }

    @Test
    void an_active_droplet_with_an_address_makes_the_node_ready_with_its_tailnet_name() {
        when(cloud.getDroplet(DROPLET)).thenReturn(active());
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(new TailscaleKeyCreated(ID, List.of("tag:timmy-node")))
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new RecordNodeReady(ID, IP, NODE + ".tail1234.ts.net",
                        "https://" + NODE + ".tail1234.ts.net"));
    }

    @Test
    void without_tailscale_the_ready_node_has_no_tailnet_name_and_no_key_is_minted() {
        fixture.registerResource(new BootstrapSettings(Duration.ofHours(1), Optional.empty(), List.of(), false,
                List.of(), "", Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 3,
                Duration.ofSeconds(2), 3));
        when(cloud.getDroplet(DROPLET)).thenReturn(active());
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid())
                .andThenAPublished(keyed()).andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new RecordNodeReady(ID, IP, null, null));
        verify(tailnet, never()).createAuthKey(anyString(), any());
    }

    @Test
    void an_active_droplet_gets_its_volume_attached_before_it_is_ready() {
        when(cloud.createVolume(anyString(), anyString(), eq(1000))).thenReturn(VOLUME);
        when(cloud.getDroplet(DROPLET)).thenReturn(active());
        fixture.givenAPublished(requested(PLAN_WITH_VOLUME)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(new VolumeCreated(ID, VOLUME, "timmy-chain-1a2b3c4d", 1000))
                .andThenAPublished(dropletCreated())
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectDispatchedCommands(new RecordVolumeAttached(ID, VOLUME, DROPLET));
        verify(cloud).attachVolume(VOLUME, DROPLET, "nyc3");
    }

    @Test
    void readiness_ends_the_saga_and_its_deadlines() {
        fixture.givenAPublished(requested(PLAN)).andThenAPublished(paid()).andThenAPublished(keyed())
                .andThenAPublished(dropletCreated())
                .whenPublishingA(new NodeReady(ID, IP, null, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
