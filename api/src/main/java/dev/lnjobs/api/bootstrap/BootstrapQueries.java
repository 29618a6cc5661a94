package dev.lnjobs.api.bootstrap;

import java.time.Instant;
import java.util.List;

/** Queries the bootstrap read model answers. */
public final class BootstrapQueries {

    private BootstrapQueries() {
    }

    /** Answers a {@link BootstrapView}, or null when no such bootstrap exists. */
    public record FindBootstrap(String bootstrapId) {
    }

    public record InvoiceView(String paymentHash, String paymentRequest, long amountSats, Instant expiresAt,
                              boolean paid) {
    }

    /**
     * What is known about one bootstrap. {@code cleanedUp} names each deleted resource, {@code leftBehind} each
     * one cleanup gave up on; never a secret. {@code refundAmountSats}: the fee owed back (failed after payment, or
     * paid after it failed), null when none is owed.
     */
    public record BootstrapView(String bootstrapId, BootstrapState state, String nodeName, long feeSats,
                                NodePlan plan, InvoiceView invoice, String sshPublicKey, String sshKeyFingerprint,
                                boolean tailscaleKeyCreated, Long dropletId, String volumeId, boolean volumeAttached,
                                String nodeIp, String tailscaleHostname, String lnbitsUrl, String reason,
                                List<String> cleanedUp, List<String> leftBehind, Instant sshKeyDeliveredAt,
                                Instant createdAt, Instant updatedAt, Long refundAmountSats) {
    }
}
