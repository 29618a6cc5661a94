package dev.lnjobs.sagas.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How provisioning runs: the operator's cloud settings, whether nodes join a tailnet, and its waits. Polls back
 * off from {@code pollFirstDelay} doubling to {@code pollMaxDelay}; transient failures of a step are retried
 * {@code maxAttempts} times in all, from {@code firstRetryDelay} doubling; the whole of provisioning is bounded by
 * {@code provisionTimeout}; a deletion is tried {@code cleanupMaxAttempts} times before it is left to an operator.
 */
public record BootstrapSettings(Duration invoiceExpiry, Optional<String> vpcUuid,
                                List<String> operatorSshKeyFingerprints, boolean tailscale,
                                List<String> tailscaleTags, String tailscaleDnsSuffix, Duration provisionTimeout,
                                Duration pollFirstDelay, Duration pollMaxDelay, int maxAttempts,
                                Duration firstRetryDelay, int cleanupMaxAttempts) {

    public BootstrapSettings {
        Objects.requireNonNull(vpcUuid, "vpcUuid");
        operatorSshKeyFingerprints = List.copyOf(operatorSshKeyFingerprints);
        tailscaleTags = List.copyOf(tailscaleTags);
        tailscaleDnsSuffix = tailscaleDnsSuffix == null ? "" : tailscaleDnsSuffix.strip();
        if (maxAttempts < 1 || cleanupMaxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
    }

    public Duration retryDelay(int failedAttempts) {
        return firstRetryDelay.multipliedBy(1L << Math.min(failedAttempts - 1, 16));
    }

    public Duration nextPollDelay(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(pollMaxDelay) <= 0 ? doubled : pollMaxDelay;
    }

    /** The node's MagicDNS name: the full one when the tailnet's DNS suffix is configured, else the short one. */
    public String tailscaleHostname(String nodeName) {
        return tailscaleDnsSuffix.isEmpty() ? nodeName : nodeName + "." + tailscaleDnsSuffix;
    }
}
