package dev.lnjobs.server.config;

import dev.lnjobs.api.bootstrap.NodePlan;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The seed's node bootstrap settings (DO_API_TOKEN absent: stub cloud), the Tailscale credentials (both or none),
 * the key that encrypts SSH private keys at rest, and the pace of provisioning.
 */
@ConfigurationProperties("lnjobs.bootstrap")
public record BootstrapProperties(long feeSats, String doApiToken, String doApiUrl, String doRegion, String doSize,
                                  int doVolumeSizeGb, String doVpcUuid, String doSshKeyFingerprint,
                                  String tailscaleApiKey, String tailscaleTailnet, String tailscaleApiUrl,
                                  String tailscaleDnsSuffix, String tailscaleTags, String sshKeyEncryptionKey,
                                  Duration provisionTimeout, Duration pollFirstDelay, Duration pollMaxDelay,
                                  int maxAttempts, Duration firstRetryDelay, int cleanupMaxAttempts,
                                  int stubPollsUntilActive) {

    /** The seed's stub credentials show a tailnet name like this one; a stub node is on no tailnet. */
    static final String STUB_DNS_SUFFIX = "tailnet.ts.net";

    public boolean stub() {
        return LightningProperties.isBlank(doApiToken);
    }

    public boolean realTailscale() {
        return !LightningProperties.isBlank(tailscaleApiKey) && !LightningProperties.isBlank(tailscaleTailnet);
    }

    /** A stub node always gets a (fake) tailnet key; a real one only when Tailscale is configured. */
    public boolean tailscale() {
        return stub() || realTailscale();
    }

    public String effectiveTailscaleDnsSuffix() {
        return stub() && LightningProperties.isBlank(tailscaleDnsSuffix) ? STUB_DNS_SUFFIX : tailscaleDnsSuffix;
    }

    public NodePlan plan() {
        return new NodePlan(doRegion, doSize, doVolumeSizeGb);
    }

    public List<String> operatorSshKeyFingerprints() {
        return commaSeparated(doSshKeyFingerprint);
    }

    public List<String> tailscaleTagList() {
        return commaSeparated(tailscaleTags);
    }

    private static List<String> commaSeparated(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "BootstrapProperties[feeSats=" + feeSats + ", region=" + doRegion + ", size=" + doSize
                + ", volumeSizeGb=" + doVolumeSizeGb + ", stub=" + stub() + ", tailscale=" + tailscale()
                + ", tokens and keys hidden]";
    }
}
