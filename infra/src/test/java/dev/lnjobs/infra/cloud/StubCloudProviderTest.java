package dev.lnjobs.infra.cloud;

import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletSpec;
import dev.lnjobs.sagas.bootstrap.CloudProvider.DropletState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubCloudProviderTest {

    private static final DropletSpec SPEC = new DropletSpec("timmy-node-1a2b", "nyc3", "s-4vcpu-8gb", List.of(),
            Optional.empty(), "#cloud-config\n", List.of());

    @Test
    void droplet_is_reachable_on_a_documentation_address_at_once_by_default() {
        StubCloudProvider cloud = new StubCloudProvider();
        long id = cloud.createDroplet(SPEC).id();

        var status = cloud.getDroplet(id);

        assertThat(status.isReachable()).isTrue();
        assertThat(status.publicIpv4()).hasValueSatisfying(ip -> assertThat(ip).startsWith("192.0.2."));
    }

    @Test
    void droplet_becomes_active_after_the_configured_number_of_polls() {
        StubCloudProvider cloud = new StubCloudProvider(2);
        long id = cloud.createDroplet(SPEC).id();

        assertThat(cloud.getDroplet(id).state()).isEqualTo(DropletState.NEW);
        assertThat(cloud.getDroplet(id).publicIpv4()).isEmpty();
        assertThat(cloud.getDroplet(id).state()).isEqualTo(DropletState.ACTIVE);
    }

    @Test
    void same_droplet_order_gives_same_ids_and_addresses() {
        StubCloudProvider first = new StubCloudProvider();
        StubCloudProvider second = new StubCloudProvider();

        long id = first.createDroplet(SPEC).id();

        assertThat(second.createDroplet(SPEC).id()).isEqualTo(id);
        assertThat(first.getDroplet(id)).isEqualTo(second.getDroplet(id));
    }

    @Test
    void different_droplets_get_different_addresses() {
        StubCloudProvider cloud = new StubCloudProvider();

        long one = cloud.createDroplet(SPEC).id();
        long two = cloud.createDroplet(SPEC).id();

        assertThat(cloud.getDroplet(one).publicIpv4()).isNotEqualTo(cloud.getDroplet(two).publicIpv4());
    }

    @Test
    void deleted_droplet_is_gone_and_deleting_again_is_harmless() {
        StubCloudProvider cloud = new StubCloudProvider();
        long id = cloud.createDroplet(SPEC).id();

        cloud.deleteDroplet(id);

        assertThatThrownBy(() -> cloud.getDroplet(id)).isInstanceOf(CloudException.class);
        assertThatNoException().isThrownBy(() -> cloud.deleteDroplet(id));
    }

    @Test
    void attaches_only_volumes_and_droplets_it_created() {
        StubCloudProvider cloud = new StubCloudProvider();
        long dropletId = cloud.createDroplet(SPEC).id();
        String volumeId = cloud.createVolume("timmy-chain-1a2b", "nyc3", 1000);

        assertThatNoException().isThrownBy(() -> cloud.attachVolume(volumeId, dropletId, "nyc3"));
        assertThatThrownBy(() -> cloud.attachVolume("no-such-volume", dropletId, "nyc3"))
                .isInstanceOf(CloudException.class);

        cloud.deleteVolume(volumeId);
        assertThatThrownBy(() -> cloud.attachVolume(volumeId, dropletId, "nyc3")).isInstanceOf(CloudException.class);
    }
}
