package dev.lnjobs.query.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapQueries.BootstrapView;
import dev.lnjobs.api.bootstrap.BootstrapQueries.InvoiceView;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.api.lightning.Invoice;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row per bootstrap: what {@code GET /api/bootstrap/{id}} shows, never a secret. */
@Entity
@Table(name = "bootstrap_view")
class BootstrapEntity {

    @Id
    @Column(name = "bootstrap_id")
    String bootstrapId;
    @Enumerated(EnumType.STRING)
    BootstrapState state;
    String nodeName;
    long feeSats;
    String region;
    String size;
    int volumeSizeGb;
    String paymentHash;
    String paymentRequest;
    Long amountSats;
    Instant invoiceExpiresAt;
    boolean invoicePaid;
    String sshPublicKey;
    String sshKeyFingerprint;
    boolean tailscaleKeyCreated;
    Long dropletId;
    String volumeId;
    boolean volumeAttached;
    String nodeIp;
    String tailscaleHostname;
    String lnbitsUrl;
    String reason;
    boolean dropletDeleted;
    boolean volumeDeleted;
    /** One line per resource cleanup gave up on. */
    String leftBehind;
    Instant sshKeyDeliveredAt;
    Instant createdAt;
    Instant updatedAt;
    /** The fee owed back, null when none is. */
    Long refundAmountSats;

    void invoice(Invoice invoice) {
        paymentHash = invoice.paymentHash();
        paymentRequest = invoice.paymentRequest();
        amountSats = invoice.amountSats();
        invoiceExpiresAt = invoice.expiresAt();
    }

    void leaveBehind(String line) {
        leftBehind = leftBehind == null ? line : leftBehind + "\n" + line;
    }

    BootstrapView toView() {
        InvoiceView invoice = paymentHash == null ? null
                : new InvoiceView(paymentHash, paymentRequest, amountSats, invoiceExpiresAt, invoicePaid);
        List<String> cleanedUp = new ArrayList<>();
        if (dropletDeleted) {
            cleanedUp.add("droplet " + dropletId);
        }
        if (volumeDeleted) {
            cleanedUp.add("volume " + volumeId);
        }
        List<String> left = leftBehind == null ? List.of() : leftBehind.lines().toList();
        return new BootstrapView(bootstrapId, state, nodeName, feeSats, new NodePlan(region, size, volumeSizeGb),
                invoice, sshPublicKey, sshKeyFingerprint, tailscaleKeyCreated, dropletId, volumeId, volumeAttached,
                nodeIp, tailscaleHostname, lnbitsUrl, reason, List.copyOf(cleanedUp), left, sshKeyDeliveredAt,
                createdAt, updatedAt, refundAmountSats);
    }
}
