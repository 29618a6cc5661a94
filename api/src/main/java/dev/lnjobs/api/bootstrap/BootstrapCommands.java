package dev.lnjobs.api.bootstrap;

import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands of the node bootstrap. Each provisioning step is recorded by one command once the cloud has done it;
 * none carries a secret (the SSH private key and the Tailscale auth key never enter a message).
 */
public final class BootstrapCommands {

    private BootstrapCommands() {
    }

    public record RequestBootstrap(@TargetAggregateIdentifier String bootstrapId, String nodeName, long feeSats,
                                   NodePlan plan, Instant requestedAt) {
    }

    public record IssueBootstrapInvoice(@TargetAggregateIdentifier String bootstrapId, Invoice invoice) {
    }

    /** A payment notice, from whichever source; repeating it is harmless. */
    public record ConfirmBootstrapPaid(@TargetAggregateIdentifier String bootstrapId, String paymentHash,
                                       Instant paidAt) {
    }

    public record RecordSshKey(@TargetAggregateIdentifier String bootstrapId, String publicKey, String fingerprint) {
    }

    public record RecordVolumeCreated(@TargetAggregateIdentifier String bootstrapId, String volumeId,
                                      String volumeName) {
    }

    /** That a Tailscale auth key was minted for the node and with which tags; the key itself stays out. */
    public record RecordTailscaleKey(@TargetAggregateIdentifier String bootstrapId, List<String> tags) {
    }

    public record RecordDropletCreated(@TargetAggregateIdentifier String bootstrapId, long dropletId) {
    }

    public record RecordVolumeAttached(@TargetAggregateIdentifier String bootstrapId, String volumeId,
                                       long dropletId) {
    }

    public record RecordNodeReady(@TargetAggregateIdentifier String bootstrapId, String nodeIp,
                                  String tailscaleHostname, String lnbitsUrl) {
    }

    /**
     * Ends provisioning. {@code dropletId} and {@code volumeId} are what the saga created in the cloud, null for
     * none: a resource whose recording was still being retried must be cleaned up too.
     */
    public record FailProvisioning(@TargetAggregateIdentifier String bootstrapId, String reason, Long dropletId,
                                   String volumeId) {
    }

    public record RecordDropletDeleted(@TargetAggregateIdentifier String bootstrapId, long dropletId) {
    }

    public record RecordVolumeDeleted(@TargetAggregateIdentifier String bootstrapId, String volumeId) {
    }

    /** Cleanup gave up on a resource; an operator must delete it by hand. */
    public record RecordCleanupAbandoned(@TargetAggregateIdentifier String bootstrapId, CloudResource resource,
                                         String resourceId, String reason) {
    }

    /** The private key left the vault in a response; it cannot be shown again. */
    public record RecordSshKeyDelivered(@TargetAggregateIdentifier String bootstrapId, Instant deliveredAt) {
    }

    /** Answers the refund a bootstrap owes (its sats), refusing as {@link RequestBootstrapRefund} would. */
    public record CheckBootstrapRefundDue(@TargetAggregateIdentifier String bootstrapId) {
    }

    /** Records the intent to pay the whole refund due to the client's invoice. */
    public record RequestBootstrapRefund(@TargetAggregateIdentifier String bootstrapId, String bolt11,
                                         String paymentHash, long amountSats, Instant requestedAt) {
    }

    public record RecordBootstrapRefundPaid(@TargetAggregateIdentifier String bootstrapId, String paymentHash,
                                            Instant paidAt) {
    }

    public record RecordBootstrapRefundFailed(@TargetAggregateIdentifier String bootstrapId, String paymentHash,
                                              String reason) {
    }
}
