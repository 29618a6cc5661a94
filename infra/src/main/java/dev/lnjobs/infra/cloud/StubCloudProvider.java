package dev.lnjobs.infra.cloud;

import dev.lnjobs.sagas.bootstrap.CloudException;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CloudProvider} that creates nothing, for running without a DigitalOcean token. Droplets get addresses
 * from 192.0.2.0/24 (RFC 5737, documentation only) so a stub address can never be mistaken for a real node.
 */
public final class StubCloudProvider implements CloudProvider {

    private static final Logger log = LoggerFactory.getLogger(StubCloudProvider.class);
    private static final long FIRST_DROPLET_ID = 100_000;

    private final int pollsUntilActive;
    private final AtomicLong nextDropletId = new AtomicLong(FIRST_DROPLET_ID);
    private final AtomicInteger nextVolume = new AtomicInteger(1);
    private final Map<Long, AtomicInteger> pollsByDroplet = new ConcurrentHashMap<>();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> dropletsByTag = new ConcurrentHashMap<>();

    /** {@code pollsUntilActive} of 0 makes droplets active on the first poll; more exercises the waiting. */
    public StubCloudProvider(int pollsUntilActive) {
        if (pollsUntilActive < 0) {
            throw new IllegalArgumentException("pollsUntilActive must not be negative");
        }
        this.pollsUntilActive = pollsUntilActive;
        log.warn("Stub cloud: no droplets are created; nodes get fake 192.0.2.x addresses "
                + "(set DO_API_TOKEN for real ones)");
    }

    public StubCloudProvider() {
        this(0);
    }

    @Override
    public DropletRef createDroplet(DropletSpec spec) {
        Optional<String> tag = spec.uniqueTag();
        Long existing = tag.map(dropletsByTag::get).orElse(null);
        if (existing != null && pollsByDroplet.containsKey(existing)) {
            return new DropletRef(existing);
        }
        long id = nextDropletId.getAndIncrement();
        pollsByDroplet.put(id, new AtomicInteger());
        tag.ifPresent(t -> dropletsByTag.put(t, id));
        log.info("Stub droplet {} created: name={}", id, spec.name());
        return new DropletRef(id);
    }

    @Override
    public DropletStatus getDroplet(long dropletId) {
        AtomicInteger polls = pollsByDroplet.get(dropletId);
        if (polls == null) {
            throw new CloudException("Stub cloud has no droplet " + dropletId, false);
        }
        if (polls.getAndIncrement() < pollsUntilActive) {
            return new DropletStatus(dropletId, DropletState.NEW, Optional.empty());
        }
        return new DropletStatus(dropletId, DropletState.ACTIVE, Optional.of(addressOf(dropletId)));
    }

    @Override
    public void deleteDroplet(long dropletId) {
        pollsByDroplet.remove(dropletId);
    }

    @Override
    public String createVolume(String name, String region, int sizeGb) {
        String id = "stub-volume-" + nextVolume.getAndIncrement();
        volumes.add(id);
        return id;
    }

    @Override
    public void attachVolume(String volumeId, long dropletId, String region) {
        if (!volumes.contains(volumeId) || !pollsByDroplet.containsKey(dropletId)) {
            throw new CloudException("Stub cloud cannot attach " + volumeId + " to droplet " + dropletId, false);
        }
    }

    @Override
    public void deleteVolume(String volumeId) {
        volumes.remove(volumeId);
    }

    /** Deterministic, so a test or a demo sees the same address for the same droplet. */
    static String addressOf(long dropletId) {
        return "192.0.2." + (1 + (dropletId - FIRST_DROPLET_ID) % 254);
    }
}
