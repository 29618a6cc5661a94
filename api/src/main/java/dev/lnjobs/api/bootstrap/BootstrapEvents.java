package dev.lnjobs.api.bootstrap;

import dev.lnjobs.api.lightning.Invoice;

import java.time.Instant;
import java.util.List;

/**
 * Events of the node bootstrap, one per provisioning step so that a restart resumes where it stopped. None holds a
 * secret: the event store is append-only and cannot forget.
 */
public final class BootstrapEvents {

    private BootstrapEvents() {
    }

    /** The fee and the plan in force are captured here, so a later change of environment changes neither. */
    public record BootstrapRequested(String bootstrapId, String nodeName, long feeSats, NodePlan plan,
                                     Instant requestedAt) {
    }

    public record BootstrapInvoiceIssued(String bootstrapId, Invoice invoice) {
    }

    public record BootstrapPaid(String bootstrapId, String paymentHash, long amountSats, Instant paidAt) {
    }

    /** The public half only; the private half went to the key vault. */
    public record SshKeyGenerated(String bootstrapId, String publicKey, String fingerprint) {
    }

    public record VolumeCreated(String bootstrapId, String volumeId, String volumeName, int sizeGb) {
    }

    public record TailscaleKeyCreated(String bootstrapId, List<String> tags) {
    }

    public record DropletCreated(String bootstrapId, long dropletId, String region, String size) {
    }

    public record VolumeAttached(String bootstrapId, String volumeId, long dropletId) {
    }

    /** {@code tailscaleHostname} and {@code lnbitsUrl} are null when the node did not join a tailnet. */
    public record NodeReady(String bootstrapId, String nodeIp, String tailscaleHostname, String lnbitsUrl) {
    }

    /** {@code dropletId} and {@code volumeId} (null for none) are what cleanup must delete. */
    public record ProvisioningFailed(String bootstrapId, String reason, BootstrapState failedIn, Long dropletId,
                                     String volumeId) {
    }

    public record DropletDeleted(String bootstrapId, long dropletId) {
    }

    public record VolumeDeleted(String bootstrapId, String volumeId) {
    }

    public record CleanupAbandoned(String bootstrapId, CloudResource resource, String resourceId, String reason) {
    }

    public record SshKeyDelivered(String bootstrapId, Instant deliveredAt) {
    }

    /**
     * Provisioning failed after the fee was paid: the node was never delivered, so the fee paid (the payment with
     * {@code paymentHash}, {@code paidSats}) is owed back whole. Applied right after {@link ProvisioningFailed}.
     */
    public record BootstrapRefundDue(String bootstrapId, String paymentHash, long paidSats, long refundAmountSats) {
    }

    /** The node reported the bootstrap's invoice paid after the bootstrap had failed: owed back whole. */
    public record BootstrapLatePaymentReceived(String bootstrapId, String paymentHash, long amountSats, Instant paidAt,
                                               BootstrapState arrivedIn, long refundAmountSats) {
    }

    /**
     * The bootstrap's refund was claimed: {@code amountSats} (the whole refund due) is to be paid to the client's
     * invoice {@code bolt11}. Recorded before any payment is attempted.
     */
    public record BootstrapRefundRequested(String bootstrapId, String bolt11, String paymentHash, long amountSats,
                                           Instant requestedAt) {
    }

    /** The node reported the refund's payment settled: nothing is owed any more. */
    public record BootstrapRefundPaid(String bootstrapId, String paymentHash, long amountSats, Instant paidAt) {
    }

    /** The node reported the refund's payment failed: still owed, and claimable again with another invoice. */
    public record BootstrapRefundFailed(String bootstrapId, String paymentHash, long amountSats, String reason) {
    }
}
