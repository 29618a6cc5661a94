package dev.lnjobs.infra.cloud;

import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider;

/** Production with BOOTSTRAP_ENABLED=false: no cloud at all, so a bootstrap still in flight fails, never fakes. */
public final class RefusingCloudProvider implements CloudProvider {

    private static CloudException refusal() {
        return new CloudException("node bootstrap is disabled (BOOTSTRAP_ENABLED=false): production has no cloud",
                false);
    }

    @Override
    public DropletRef createDroplet(DropletSpec spec) {
        throw refusal();
    }

    @Override
    public DropletStatus getDroplet(long dropletId) {
        throw refusal();
    }

    @Override
    public void deleteDroplet(long dropletId) {
        throw refusal();
    }

    @Override
    public String createVolume(String name, String region, int sizeGb) {
        throw refusal();
    }

    @Override
    public void attachVolume(String volumeId, long dropletId, String region) {
        throw refusal();
    }

    @Override
    public void deleteVolume(String volumeId) {
        throw refusal();
    }
}
