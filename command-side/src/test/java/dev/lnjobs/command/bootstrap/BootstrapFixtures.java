package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.api.lightning.Invoice;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The events of a bootstrap at each stage, for given/when/then tests. */
final class BootstrapFixtures {

    static final String ID = "1a2b3c4d-0d3a-4c1e-9a57-2f0e5d8c7b11";
    static final String NODE = "timmy-node-1a2b3c4d";
    static final long FEE = 10_000;
    static final NodePlan PLAN = new NodePlan("nyc3", "s-4vcpu-8gb", 0);
    static final NodePlan PLAN_WITH_VOLUME = new NodePlan("nyc3", "s-4vcpu-8gb", 1000);
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final String HASH = "a".repeat(64);
    static final Invoice INVOICE = new Invoice(HASH, "lnbcrt100u1bootstrap", FEE, T0.plusSeconds(3600));
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtQUDh2Bq0ZkRn1yG8JZs9s6GAXDwSbKzMlkrX2DLyE "
            + NODE;
    static final String FINGERPRINT = "SHA256:3M2cJ6N2v2d6YV0pRrD6d9Kx6f1oQ2qYc4x8m0F3w9Y";
    static final long DROPLET = 3164494;
    static final String VOLUME = "506f78a4-e098-11e5-ad9f-000f53306ae1";
    static final String VOLUME_NAME = "timmy-chain-1a2b3c4d";

    private BootstrapFixtures() {
    }

    static Object[] requested(NodePlan plan) {
        return new Object[]{new BootstrapRequested(ID, NODE, FEE, plan, T0)};
    }

    static Object[] awaitingPayment() {
        return awaitingPayment(PLAN);
    }

    static Object[] awaitingPayment(NodePlan plan) {
        return append(requested(plan), new BootstrapInvoiceIssued(ID, INVOICE));
    }

    static Object[] provisioning(NodePlan plan) {
        return append(awaitingPayment(plan), new BootstrapPaid(ID, HASH, FEE, T0.plusSeconds(5)));
    }

    static Object[] keyed(NodePlan plan) {
        return append(provisioning(plan), new SshKeyGenerated(ID, PUBLIC_KEY, FINGERPRINT));
    }

    static Object[] withDroplet() {
        return append(keyed(PLAN), new DropletCreated(ID, DROPLET, "nyc3", "s-4vcpu-8gb"));
    }

    static Object[] withVolume() {
        return append(keyed(PLAN_WITH_VOLUME), new VolumeCreated(ID, VOLUME, VOLUME_NAME, 1000));
    }

    static Object[] withVolumeAndDroplet() {
        return append(withVolume(), new DropletCreated(ID, DROPLET, "nyc3", "s-4vcpu-8gb"));
    }

    static Object[] ready() {
        return append(withDroplet(), new NodeReady(ID, "203.0.113.54", null, null));
    }

    static Object[] failedWithVolumeAndDroplet() {
        return append(withVolumeAndDroplet(),
                new ProvisioningFailed(ID, "timed out", BootstrapState.PROVISIONING, DROPLET, VOLUME));
    }

    static Object[] append(Object[] events, Object... next) {
        List<Object> all = new java.util.ArrayList<>(Arrays.asList(events));
        all.addAll(Arrays.asList(next));
        return all.toArray();
    }
}
