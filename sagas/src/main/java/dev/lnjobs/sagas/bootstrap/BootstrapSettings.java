package dev.lnjobs.sagas.bootstrap;

import dev.lnjobs.sagas.retry.RetryPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How provisioning runs: the operator's cloud settings, whether nodes join a tailnet, and its waits. Polls back
 * off from {@code pollFirstDelay} doubling to {@code pollMaxDelay}; transient failures of a step are retried
 * {@code maxAttempts} times in all, from {@code firstRetryDelay} doubling; the whole of provisioning is bounded by
 * {@code provisionTimeout}; a deletion is tried {@code cleanupMaxAttempts} times before it is left to an operator.
 * Every retry delay is lengthened by up to {@code retryJitter} (see {@link RetryPolicy}).
 */
public record BootstrapSettings(Duration invoiceExpiry, Optional<String> vpcUuid,
                                List<String> operatorSshKeyFingerprints, boolean tailscale,
                                List<String> tailscaleTags, String tailscaleDnsSuffix, Duration provisionTimeout,
                                Duration pollFirstDelay, Duration pollMaxDelay, int maxAttempts,
                                Duration firstRetryDelay, int cleanupMaxAttempts, double retryJitter) {

    public BootstrapSettings {
        Objects.requireNonNull(vpcUuid, "vpcUuid");
        operatorSshKeyFingerprints = List.copyOf(operatorSshKeyFingerprints);
        tailscaleTags = List.copyOf(tailscaleTags);
        tailscaleDnsSuffix = tailscaleDnsSuffix == null ? "" : tailscaleDnsSuffix.strip();
        new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter); // refuse what they cannot retry by
        new RetryPolicy(cleanupMaxAttempts, firstRetryDelay, retryJitter);
    }

    /** Without jitter. */
    public BootstrapSettings(Duration invoiceExpiry, Optional<String> vpcUuid, List<String> operatorSshKeyFingerprints,
                             boolean tailscale, List<String> tailscaleTags, String tailscaleDnsSuffix,
                             Duration provisionTimeout, Duration pollFirstDelay, Duration pollMaxDelay,
                             int maxAttempts, Duration firstRetryDelay, int cleanupMaxAttempts) {
        this(invoiceExpiry, vpcUuid, operatorSshKeyFingerprints, tailscale, tailscaleTags, tailscaleDnsSuffix,
                provisionTimeout, pollFirstDelay, pollMaxDelay, maxAttempts, firstRetryDelay, cleanupMaxAttempts, 0);
    }

    /** The retries of a provisioning step. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, firstRetryDelay, retryJitter);
    }

    /** The retries of a deletion, which are worth trying whatever the failure. */
    public RetryPolicy cleanupRetryPolicy() {
        return new RetryPolicy(cleanupMaxAttempts, firstRetryDelay, retryJitter);
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
