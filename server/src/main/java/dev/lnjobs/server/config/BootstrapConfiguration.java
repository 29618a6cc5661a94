package dev.lnjobs.server.config;

import dev.lnjobs.infra.cloud.CloudInitRenderer;
import dev.lnjobs.infra.cloud.DigitalOceanCloudProvider;
import dev.lnjobs.infra.cloud.RefusingCloudProvider;
import dev.lnjobs.infra.cloud.StubCloudProvider;
import dev.lnjobs.infra.ssh.Ed25519SshKeyGenerator;
import dev.lnjobs.infra.ssh.JdbcSshKeyVault;
import dev.lnjobs.infra.ssh.SshKeyCipher;
import dev.lnjobs.infra.tailscale.StubTailnetKeys;
import dev.lnjobs.infra.tailscale.TailscaleTailnetKeys;
import dev.lnjobs.sagas.bootstrap.BootstrapSettings;
import dev.lnjobs.sagas.bootstrap.CloudProvider;
import dev.lnjobs.sagas.bootstrap.NodeBootstrapScript;
import dev.lnjobs.sagas.bootstrap.SshKeyGenerator;
import dev.lnjobs.sagas.bootstrap.SshKeyVault;
import dev.lnjobs.sagas.bootstrap.TailnetKeys;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Node bootstrap adapters, in the manner of {@link AdapterConfiguration}: DigitalOcean and Tailscale when their
 * credentials are set, stubs otherwise; a stub cloud always gets a stub tailnet, so stub mode calls nobody.
 */
@Configuration(proxyBeanMethods = false)
class BootstrapConfiguration {

    @Bean
    CloudProvider cloudProvider(BootstrapProperties bootstrap, OkHttpClient http,
                                @Value("${lnjobs.production:false}") boolean production) {
        if (bootstrap.stub()) {
            // In production only with BOOTSTRAP_ENABLED=false (ProductionReadiness refuses a stub cloud otherwise):
            // a bootstrap still in flight then fails rather than being handed a fake node.
            return production ? refusingCloud() : new StubCloudProvider(bootstrap.stubPollsUntilActive());
        }
        if (LightningProperties.isBlank(bootstrap.doVpcUuid()) || bootstrap.operatorSshKeyFingerprints().isEmpty()) {
            throw new IllegalStateException("DO_API_TOKEN is set: DO_VPC_UUID and DO_SSH_KEY_FINGERPRINT are required");
        }
        return new DigitalOceanCloudProvider(cloudHttp(http), bootstrap.doApiUrl(), bootstrap.doApiToken());
    }

    @Bean
    TailnetKeys tailnetKeys(BootstrapProperties bootstrap, OkHttpClient http) {
        if (bootstrap.stub()) {
            return new StubTailnetKeys();
        }
        if (!bootstrap.realTailscale()) {
            // BootstrapSettings.tailscale() is false then, so provisioning skips the step and never gets here.
            return (description, tags) -> {
                throw new IllegalStateException("TAILSCALE_API_KEY and TAILSCALE_TAILNET are not set");
            };
        }
        return new TailscaleTailnetKeys(cloudHttp(http), bootstrap.tailscaleApiUrl(), bootstrap.tailscaleApiKey(),
                bootstrap.tailscaleTailnet());
    }

    @Bean
    SshKeyGenerator sshKeyGenerator() {
        return new Ed25519SshKeyGenerator();
    }

    @Bean
    NodeBootstrapScript nodeBootstrapScript() {
        return new CloudInitRenderer();
    }

    @Bean
    SshKeyVault sshKeyVault(BootstrapProperties bootstrap, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            Clock clock, @Value("${lnjobs.production:false}") boolean production) {
        if (!LightningProperties.isBlank(bootstrap.sshKeyEncryptionKey())) {
            return JdbcSshKeyVault.withKey(jdbc, transactions, SshKeyCipher.fromHex(bootstrap.sshKeyEncryptionKey()),
                    clock);
        }
        if (production && !bootstrap.stub()) {
            throw new IllegalStateException("SSH_KEY_ENCRYPTION_KEY (64 hex digits) is required in production with "
                    + "DO_API_TOKEN: real nodes' private keys must not be encrypted with a key kept beside them");
        }
        return JdbcSshKeyVault.withDevelopmentKey(jdbc, transactions, clock);
    }

    @Bean
    BootstrapSettings bootstrapSettings(BootstrapProperties bootstrap, LightningProperties lightning,
                                        RetryProperties retry) {
        return new BootstrapSettings(lightning.invoiceExpiry(),
                Optional.ofNullable(bootstrap.doVpcUuid()).filter(vpc -> !vpc.isBlank()),
                bootstrap.operatorSshKeyFingerprints(), bootstrap.tailscale(),
                bootstrap.stub() ? List.of() : bootstrap.tailscaleTagList(), bootstrap.effectiveTailscaleDnsSuffix(),
                bootstrap.provisionTimeout(), bootstrap.pollFirstDelay(), bootstrap.pollMaxDelay(),
                bootstrap.maxAttempts(), bootstrap.firstRetryDelay(), bootstrap.cleanupMaxAttempts(), retry.jitter());
    }

    static CloudProvider refusingCloud() {
        return new RefusingCloudProvider();
    }

    private static OkHttpClient cloudHttp(OkHttpClient http) {
        return http.newBuilder().callTimeout(Duration.ofSeconds(30)).build();
    }
}
