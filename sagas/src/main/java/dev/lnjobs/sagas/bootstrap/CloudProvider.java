package dev.lnjobs.sagas.bootstrap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What node bootstrap needs of a cloud: a machine that boots our cloud-init and gets a public address, and
 * optionally a block volume large enough for the chain. Failures throw {@link CloudException}.
 */
public interface CloudProvider {

    /** The tag that names one bootstrap's droplet; no two droplets carry the same one. */
    String BOOTSTRAP_TAG_PREFIX = "timmy-bootstrap-";

    /**
     * Creates the droplet, or answers the one that already carries the spec's {@link #BOOTSTRAP_TAG_PREFIX} tag: a
     * step run twice (a lost claim, a crash between the call and its record) never pays for a second machine.
     */
    DropletRef createDroplet(DropletSpec spec);

    DropletStatus getDroplet(long dropletId);

    /** Idempotent, so compensation can run twice: a droplet that is already gone counts as deleted. */
    void deleteDroplet(long dropletId);

    /** Creates an ext4-formatted volume and answers its id. */
    String createVolume(String name, String region, int sizeGb);

    /** Starts attaching; the device appears on the droplet a little later, which the cloud-init waits for. */
    void attachVolume(String volumeId, long dropletId, String region);

    /** Idempotent like {@link #deleteDroplet}; the volume must be detached (its droplet deleted) first. */
    void deleteVolume(String volumeId);

    /**
     * A machine to create. {@code sshKeyFingerprints} are keys already registered with the cloud (the operator's);
     * the buyer's key travels inside {@code userData}.
     */
    record DropletSpec(String name, String region, String size, List<String> sshKeyFingerprints,
                       Optional<String> vpcUuid, String userData, List<String> tags) {

        public DropletSpec {
            requireText(name, "name");
            requireText(region, "region");
            requireText(size, "size");
            requireText(userData, "userData");
            sshKeyFingerprints = List.copyOf(sshKeyFingerprints);
            tags = List.copyOf(tags);
            Objects.requireNonNull(vpcUuid, "vpcUuid");
        }

        /** The tag that names this droplet alone, if it has one. */
        public Optional<String> uniqueTag() {
            return tags.stream().filter(tag -> tag.startsWith(BOOTSTRAP_TAG_PREFIX)).findFirst();
        }

        /** Leaves user data out: it carries a Tailscale auth key and must not reach a log. */
        @Override
        public String toString() {
            return "DropletSpec[name=" + name + ", region=" + region + ", size=" + size + ", vpcUuid="
                    + vpcUuid.orElse("default") + ", tags=" + tags + ", userData=<" + userData.length() + " chars>]";
        }

        private static void requireText(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is required");
            }
        }
    }

    record DropletRef(long id) {
    }

    /** Where a droplet is in its life and, once it has one, its public IPv4 address. */
    record DropletStatus(long id, DropletState state, Optional<String> publicIpv4) {

        public DropletStatus {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(publicIpv4, "publicIpv4");
        }

        /** Active alone is not enough: the address can show up a moment after the status flips. */
        public boolean isReachable() {
            return state == DropletState.ACTIVE && publicIpv4.isPresent();
        }
    }

    enum DropletState { NEW, ACTIVE, OFF, ARCHIVE, UNKNOWN }
}
