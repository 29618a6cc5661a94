package dev.lnjobs.query.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.FindBootstrap;
import dev.lnjobs.api.bootstrap.BootstrapState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Consumer;

/** Keeps {@code bootstrap_view} in step with the bootstrap events and pushes each change to subscribed readers. */
@Component
@ProcessingGroup("bootstrap-view")
class BootstrapProjection {

    private final BootstrapRepository bootstraps;
    private final QueryUpdateEmitter updates;

    BootstrapProjection(BootstrapRepository bootstraps, QueryUpdateEmitter updates) {
        this.bootstraps = bootstraps;
        this.updates = updates;
    }

    @EventHandler
    void on(BootstrapRequested event, @Timestamp Instant at) {
        BootstrapEntity bootstrap = new BootstrapEntity();
        bootstrap.bootstrapId = event.bootstrapId();
        bootstrap.state = BootstrapState.AWAITING_PAYMENT;
        bootstrap.nodeName = event.nodeName();
        bootstrap.feeSats = event.feeSats();
        bootstrap.region = event.plan().region();
        bootstrap.size = event.plan().size();
        bootstrap.volumeSizeGb = event.plan().volumeSizeGb();
        bootstrap.createdAt = at;
        bootstrap.updatedAt = at;
        bootstraps.save(bootstrap);
        publish(bootstrap);
    }

    @EventHandler
    void on(BootstrapInvoiceIssued event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.invoice(event.invoice()));
    }

    @EventHandler
    void on(BootstrapPaid event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> {
            bootstrap.invoicePaid = true;
            bootstrap.state = BootstrapState.PROVISIONING;
        });
    }

    @EventHandler
    void on(SshKeyGenerated event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> {
            bootstrap.sshPublicKey = event.publicKey();
            bootstrap.sshKeyFingerprint = event.fingerprint();
        });
    }

    @EventHandler
    void on(VolumeCreated event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.volumeId = event.volumeId());
    }

    @EventHandler
    void on(TailscaleKeyCreated event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.tailscaleKeyCreated = true);
    }

    @EventHandler
    void on(DropletCreated event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.dropletId = event.dropletId());
    }

    @EventHandler
    void on(VolumeAttached event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.volumeAttached = true);
    }

    @EventHandler
    void on(NodeReady event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> {
            bootstrap.state = BootstrapState.READY;
            bootstrap.nodeIp = event.nodeIp();
            bootstrap.tailscaleHostname = event.tailscaleHostname();
            bootstrap.lnbitsUrl = event.lnbitsUrl();
        });
    }

    @EventHandler
    void on(BootstrapRefundDue event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.refundAmountSats = event.refundAmountSats());
    }

    @EventHandler
    void on(BootstrapLatePaymentReceived event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.refundAmountSats = event.refundAmountSats());
    }

    @EventHandler
    void on(ProvisioningFailed event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> {
            bootstrap.state = BootstrapState.FAILED;
            bootstrap.reason = event.reason();
            bootstrap.dropletId = event.dropletId();
            bootstrap.volumeId = event.volumeId();
        });
    }

    @EventHandler
    void on(DropletDeleted event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.dropletDeleted = true);
    }

    @EventHandler
    void on(VolumeDeleted event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.volumeDeleted = true);
    }

    @EventHandler
    void on(CleanupAbandoned event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.leaveBehind(
                event.resource().name().toLowerCase() + " " + event.resourceId() + ": " + event.reason()));
    }

    @EventHandler
    void on(SshKeyDelivered event, @Timestamp Instant at) {
        change(event.bootstrapId(), at, bootstrap -> bootstrap.sshKeyDeliveredAt = event.deliveredAt());
    }

    @QueryHandler
    BootstrapView handle(FindBootstrap query) {
        return bootstraps.findById(query.bootstrapId()).map(BootstrapEntity::toView).orElse(null);
    }

    private void change(String bootstrapId, Instant at, Consumer<BootstrapEntity> change) {
        BootstrapEntity bootstrap = bootstraps.findById(bootstrapId)
                .orElseThrow(() -> new IllegalStateException("bootstrap " + bootstrapId + " has no view row"));
        change.accept(bootstrap);
        bootstrap.updatedAt = at;
        publish(bootstrap);
    }

    private void publish(BootstrapEntity bootstrap) {
        BootstrapView view = bootstrap.toView();
        updates.emit(FindBootstrap.class, query -> query.bootstrapId().equals(view.bootstrapId()), view);
    }
}
