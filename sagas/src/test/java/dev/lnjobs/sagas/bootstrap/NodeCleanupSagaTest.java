package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordCleanupAbandoned;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordDropletDeleted;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordVolumeDeleted;
import dev.lnjobs.api.bootstrap.BootstrapEvents.CleanupAbandoned;
import dev.lnjobs.api.bootstrap.BootstrapEvents.DropletDeleted;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.VolumeDeleted;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.CloudResource;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class NodeCleanupSagaTest {

    private static final String ID = "1a2b3c4d-0d3a-4c1e-9a57-2f0e5d8c7b11";
    private static final long DROPLET = 3164494;
    private static final String VOLUME = "506f78a4-e098-11e5-ad9f-000f53306ae1";
    private static final ProvisioningFailed FAILED_WITH_BOTH = new ProvisioningFailed(ID,
            "provisioning did not finish within 10 minutes", BootstrapState.PROVISIONING, DROPLET, VOLUME);

    private SagaTestFixture<NodeCleanupSaga> fixture;
    private CloudProvider cloud;
    private SshKeyVault vault;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(NodeCleanupSaga.class);
        cloud = mock(CloudProvider.class);
        vault = mock(SshKeyVault.class);
        fixture.registerResource(cloud);
        fixture.registerResource(vault);
        fixture.registerResource(new BootstrapSettings(Duration.ofHours(1), Optional.empty(), List.of(), false,
                List.of(), "", Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 3,
                Duration.ofSeconds(2), 3));
    }

    @Test
    void failure_first_deletes_the_droplet_and_forgets_the_undelivered_key() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(FAILED_WITH_BOTH)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordDropletDeleted(ID, DROPLET));
        verify(cloud).deleteDroplet(DROPLET);
        verify(cloud, never()).deleteVolume(anyString());
        verify(vault).discard(ID);
    }

    @Test
    void the_deleted_droplet_is_followed_by_the_volume() {
        fixture.givenAPublished(FAILED_WITH_BOTH)
                .whenPublishingA(new DropletDeleted(ID, DROPLET))
                .expectDispatchedCommands(new RecordVolumeDeleted(ID, VOLUME));
        verify(cloud).deleteVolume(VOLUME);
    }

    @Test
    void the_saga_ends_once_everything_is_deleted() {
        fixture.givenAPublished(FAILED_WITH_BOTH).andThenAPublished(new DropletDeleted(ID, DROPLET))
                .whenPublishingA(new VolumeDeleted(ID, VOLUME))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void an_unpaid_failed_bootstrap_has_nothing_to_clean_up_and_ends_at_once() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new ProvisioningFailed(ID, "invoice failed: down", BootstrapState.AWAITING_PAYMENT,
                        null, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        verify(cloud, never()).deleteDroplet(anyLong());
        verify(vault).discard(ID);
    }

    @Test
    void a_volume_still_attached_is_retried_with_backoff_until_the_droplet_deletion_detached_it() {
        doThrow(new CloudException("DigitalOcean DELETE /v2/volumes answered 409: conflict: volume is attached", false))
                .doNothing().when(cloud).deleteVolume(VOLUME);
        fixture.givenAPublished(FAILED_WITH_BOTH).andThenAPublished(new DropletDeleted(ID, DROPLET))
                .whenTimeElapses(Duration.ofSeconds(2))
                .expectDispatchedCommands(new RecordVolumeDeleted(ID, VOLUME));
        verify(cloud, times(2)).deleteVolume(VOLUME);
    }

    @Test
    void a_deletion_that_keeps_failing_is_retried_then_left_to_an_operator() {
        doThrow(new CloudException("DigitalOcean answered 500", true)).when(cloud).deleteDroplet(DROPLET);
        fixture.givenAPublished(FAILED_WITH_BOTH)
                .whenTimeElapses(Duration.ofSeconds(2 + 4))
                .expectDispatchedCommands(new RecordCleanupAbandoned(ID, CloudResource.DROPLET,
                        Long.toString(DROPLET), "DigitalOcean answered 500"));
        verify(cloud, times(3)).deleteDroplet(DROPLET);
    }

    @Test
    void an_abandoned_droplet_does_not_stop_the_volume_from_being_deleted() {
        fixture.givenAPublished(FAILED_WITH_BOTH)
                .whenPublishingA(new CleanupAbandoned(ID, CloudResource.DROPLET, Long.toString(DROPLET), "500"))
                .expectDispatchedCommands(new RecordVolumeDeleted(ID, VOLUME));
    }
}
