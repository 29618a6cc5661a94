package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.*;
import dev.lnjobs.api.bootstrap.BootstrapEvents.*;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.CloudResource;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;

import java.util.Objects;
import java.util.regex.Pattern;

import static dev.lnjobs.api.bootstrap.BootstrapState.AWAITING_PAYMENT;
import static dev.lnjobs.api.bootstrap.BootstrapState.FAILED;
import static dev.lnjobs.api.bootstrap.BootstrapState.PROVISIONING;
import static dev.lnjobs.api.bootstrap.BootstrapState.READY;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A paid node bootstrap. States: awaiting_payment → provisioning → ready | failed. Provisioning records, in
 * order, the SSH key, the volume (when planned), the droplet, the volume attachment and readiness; a failed
 * bootstrap then records the deletion of what had been created.
 */
class BootstrapJob {

    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @AggregateIdentifier
    private String bootstrapId;
    private BootstrapState state;
    private long feeSats;
    private NodePlan plan;
    private Invoice invoice;
    private String sshPublicKey;
    private boolean tailscaleKeyCreated;
    private String volumeId;
    private Long dropletId;
    private boolean volumeAttached;
    private boolean dropletGone;
    private boolean volumeGone;
    private boolean keyDelivered;
    @AggregateMember
    private final BootstrapRefunds refunds = new BootstrapRefunds();

    BootstrapJob() {
        // for event sourcing
    }

    @CommandHandler
    BootstrapJob(RequestBootstrap command) {
        require(command.feeSats() > 0, "the bootstrap fee must be a positive number of sats");
        require(command.plan() != null, "a bootstrap needs a node plan");
        require(command.nodeName() != null && HOST_LABEL.matcher(command.nodeName()).matches(),
                "the node name must be a lower-case DNS label");
        apply(new BootstrapRequested(command.bootstrapId(), command.nodeName(), command.feeSats(), command.plan(),
                command.requestedAt()));
    }

    @CommandHandler
    void handle(IssueBootstrapInvoice command) {
        if (command.invoice().equals(invoice)) {
            return;
        }
        require(invoice == null, "the bootstrap invoice was already issued");
        requireState(AWAITING_PAYMENT, "issue an invoice");
        require(command.invoice().amountSats() == feeSats,
                "the bootstrap invoice must be for BOOTSTRAP_FEE_SATS (" + feeSats + ")");
        apply(new BootstrapInvoiceIssued(bootstrapId, command.invoice()));
    }

    @CommandHandler
    void handle(ConfirmBootstrapPaid command) {
        require(invoice != null && invoice.paymentHash().equals(command.paymentHash()),
                "payment hash " + command.paymentHash() + " is not the invoice of bootstrap " + bootstrapId);
        if (state == AWAITING_PAYMENT) {
            apply(new BootstrapPaid(bootstrapId, command.paymentHash(), invoice.amountSats(), command.paidAt()));
        } else {
            refunds.paidLate(bootstrapId, invoice, state, command.paidAt()); // bought nothing if it failed first
        }
    }

    @CommandHandler
    void handle(RecordSshKey command) {
        if (command.publicKey().equals(sshPublicKey)) {
            return;
        }
        require(sshPublicKey == null, "the node already has an SSH key");
        requireState(PROVISIONING, "record an SSH key");
        apply(new SshKeyGenerated(bootstrapId, command.publicKey(), command.fingerprint()));
    }

    @CommandHandler
    void handle(RecordVolumeCreated command) {
        if (command.volumeId().equals(volumeId)) {
            return;
        }
        require(volumeId == null, "the node already has a volume");
        requireState(PROVISIONING, "record a volume");
        require(plan.wantsVolume(), "the plan has no volume (DO_VOLUME_SIZE_GB is 0)");
        require(sshPublicKey != null, "the SSH key comes before the volume");
        apply(new VolumeCreated(bootstrapId, command.volumeId(), command.volumeName(), plan.volumeSizeGb()));
    }

    @CommandHandler
    void handle(RecordTailscaleKey command) {
        if (tailscaleKeyCreated) {
            return;
        }
        requireState(PROVISIONING, "record a Tailscale key");
        require(sshPublicKey != null, "the SSH key comes before the Tailscale key");
        apply(new TailscaleKeyCreated(bootstrapId, command.tags()));
    }

    @CommandHandler
    void handle(RecordDropletCreated command) {
        if (Objects.equals(dropletId, command.dropletId())) {
            return;
        }
        require(dropletId == null, "the node already has droplet " + dropletId);
        requireState(PROVISIONING, "record a droplet");
        require(sshPublicKey != null, "the SSH key comes before the droplet");
        require(!plan.wantsVolume() || volumeId != null, "the planned volume comes before the droplet");
        apply(new DropletCreated(bootstrapId, command.dropletId(), plan.region(), plan.size()));
    }

    @CommandHandler
    void handle(RecordVolumeAttached command) {
        if (volumeAttached) {
            return;
        }
        requireState(PROVISIONING, "attach a volume");
        require(volumeId != null && volumeId.equals(command.volumeId()), "volume " + command.volumeId()
                + " is not this node's");
        require(dropletId != null && dropletId == command.dropletId(), "droplet " + command.dropletId()
                + " is not this node's");
        apply(new VolumeAttached(bootstrapId, command.volumeId(), command.dropletId()));
    }

    @CommandHandler
    void handle(RecordNodeReady command) {
        if (state == READY) {
            return;
        }
        requireState(PROVISIONING, "declare the node ready");
        require(dropletId != null, "a node without a droplet cannot be ready");
        require(!plan.wantsVolume() || volumeAttached, "the planned volume must be attached first");
        require(command.nodeIp() != null && !command.nodeIp().isBlank(), "a ready node has an IP address");
        apply(new NodeReady(bootstrapId, command.nodeIp(), command.tailscaleHostname(), command.lnbitsUrl()));
    }

    @CommandHandler
    void handle(FailProvisioning command) {
        if (state == FAILED) {
            return;
        }
        require(state != READY, "bootstrap " + bootstrapId + " is already ready");
        require(dropletId == null || command.dropletId() == null || dropletId.equals(command.dropletId()),
                "droplet " + command.dropletId() + " is not this node's");
        require(volumeId == null || command.volumeId() == null || volumeId.equals(command.volumeId()),
                "volume " + command.volumeId() + " is not this node's");
        apply(new ProvisioningFailed(bootstrapId, command.reason(), state,
                dropletId != null ? dropletId : command.dropletId(),
                volumeId != null ? volumeId : command.volumeId()));
        refunds.afterFailure(bootstrapId);
    }

    @CommandHandler
    void handle(RecordDropletDeleted command) {
        if (dropletGone) {
            return;
        }
        requireState(FAILED, "delete the droplet");
        require(dropletId != null && dropletId == command.dropletId(), "droplet " + command.dropletId()
                + " is not this node's");
        apply(new DropletDeleted(bootstrapId, command.dropletId()));
    }

    @CommandHandler
    void handle(RecordVolumeDeleted command) {
        if (volumeGone) {
            return;
        }
        requireState(FAILED, "delete the volume");
        require(command.volumeId().equals(volumeId), "volume " + command.volumeId() + " is not this node's");
        apply(new VolumeDeleted(bootstrapId, command.volumeId()));
    }

    @CommandHandler
    void handle(RecordCleanupAbandoned command) {
        if (command.resource() == CloudResource.DROPLET ? dropletGone : volumeGone) {
            return;
        }
        requireState(FAILED, "abandon cleanup");
        apply(new CleanupAbandoned(bootstrapId, command.resource(), command.resourceId(), command.reason()));
    }

    @CommandHandler
    void handle(RecordSshKeyDelivered command) {
        if (keyDelivered) {
            return;
        }
        requireState(READY, "deliver the SSH key");
        apply(new SshKeyDelivered(bootstrapId, command.deliveredAt()));
    }

    private void requireState(BootstrapState expected, String action) {
        require(state == expected, "cannot " + action + " while the bootstrap is " + state.wireName());
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new BootstrapRuleViolation(message);
        }
    }

    @EventSourcingHandler
    void on(BootstrapRequested event) {
        bootstrapId = event.bootstrapId();
        feeSats = event.feeSats();
        plan = event.plan();
        state = AWAITING_PAYMENT;
    }

    @EventSourcingHandler
    void on(BootstrapInvoiceIssued event) {
        invoice = event.invoice();
    }

    @EventSourcingHandler
    void on(BootstrapPaid event) {
        state = PROVISIONING;
    }

    @EventSourcingHandler
    void on(SshKeyGenerated event) {
        sshPublicKey = event.publicKey();
    }

    @EventSourcingHandler
    void on(VolumeCreated event) {
        volumeId = event.volumeId();
    }

    @EventSourcingHandler
    void on(TailscaleKeyCreated event) {
        tailscaleKeyCreated = true;
    }

    @EventSourcingHandler
    void on(DropletCreated event) {
        dropletId = event.dropletId();
    }

    @EventSourcingHandler
    void on(VolumeAttached event) {
        volumeAttached = true;
    }

    @EventSourcingHandler
    void on(NodeReady event) {
        state = READY;
    }

    @EventSourcingHandler
    void on(ProvisioningFailed event) {
        state = FAILED;
        dropletId = event.dropletId();
        volumeId = event.volumeId();
    }

    @EventSourcingHandler
    void on(DropletDeleted event) {
        dropletGone = true;
    }

    @EventSourcingHandler
    void on(VolumeDeleted event) {
        volumeGone = true;
    }

    /** Abandoned counts as gone: cleanup no longer owes anything for it. */
    @EventSourcingHandler
    void on(CleanupAbandoned event) {
        if (event.resource() == CloudResource.DROPLET) {
            dropletGone = true;
        } else {
            volumeGone = true;
        }
    }

    @EventSourcingHandler
    void on(SshKeyDelivered event) {
        keyDelivered = true;
    }
}
