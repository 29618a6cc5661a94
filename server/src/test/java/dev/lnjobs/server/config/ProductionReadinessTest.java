package dev.lnjobs.server.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Production names every stub and development key it would run on, all at once, and starts on none. */
class ProductionReadinessTest {

    private static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final Map<String, String> REAL = Map.ofEntries(
            Map.entry("lnjobs.production", "true"),
            Map.entry("lnjobs.lightning.lnbits-url", "https://lnbits.example"),
            Map.entry("lnjobs.lightning.lnbits-api-key", "invoice-key"),
            Map.entry("lnjobs.ai.anthropic-base-url", "https://api.anthropic.com"),
            Map.entry("lnjobs.ai.anthropic-api-key", "sk-ant"),
            Map.entry("lnjobs.pricing.offline", "false"),
            Map.entry("lnjobs.pricing.coingecko-url", "https://api.coingecko.com"),
            Map.entry("lnjobs.bootstrap.do-api-token", "do-token"),
            Map.entry("lnjobs.bootstrap.do-vpc-uuid", "vpc"),
            Map.entry("lnjobs.bootstrap.do-ssh-key-fingerprint", "aa:bb"),
            Map.entry("lnjobs.bootstrap.ssh-key-encryption-key", KEY_HEX),
            Map.entry("lnjobs.session.macaroon-root-key", KEY_HEX));

    private static MockEnvironment environment(Map<String, String> settings) {
        MockEnvironment environment = new MockEnvironment();
        settings.forEach(environment::setProperty);
        return environment;
    }

    private static List<String> names(List<String> missing) {
        return missing.stream().map(entry -> entry.substring(0, entry.indexOf(' '))).toList();
    }

    @Test
    void production_on_stubs_names_every_missing_setting_at_once() {
        MockEnvironment stubs = environment(Map.of("lnjobs.production", "true", "lnjobs.pricing.offline", "true",
                "lnjobs.lightning.lnbits-url", " ", "lnjobs.admin.token", "short"));

        assertThat(names(ProductionReadiness.missingSettings(stubs))).containsExactly("LNBITS_URL", "LNBITS_API_KEY",
                "AI_INTEGRATIONS_ANTHROPIC_BASE_URL", "AI_INTEGRATIONS_ANTHROPIC_API_KEY", "BTC_PRICE_OFFLINE",
                "COINGECKO_URL", "DO_API_TOKEN", "DO_VPC_UUID", "DO_SSH_KEY_FINGERPRINT", "SSH_KEY_ENCRYPTION_KEY",
                "MACAROON_ROOT_KEY", "ADMIN_TOKEN");
    }

    @Test
    void production_refuses_the_lightning_address_test_allowance() {
        MockEnvironment allowance = environment(REAL);
        allowance.setProperty("lnjobs.lightning-address.insecure-test-origin", "http://127.0.0.1:1234");

        List<String> missing = ProductionReadiness.missingSettings(allowance);

        assertThat(names(missing)).containsExactly("lnjobs.lightning-address.insecure-test-origin");
        assertThat(missing.get(0)).contains("test allowance").doesNotContain("1234");
        assertThat(ProductionReadiness.missingSettings(environment(REAL))).isEmpty();
    }

    @Test
    void a_mistyped_url_counts_as_missing_and_is_not_echoed() {
        MockEnvironment typo = environment(REAL);
        typo.setProperty("lnjobs.lightning.lnbits-url", "lnbits.example:5000");

        List<String> missing = ProductionReadiness.missingSettings(typo);

        assertThat(names(missing)).containsExactly("LNBITS_URL");
        assertThat(missing.get(0)).contains("not an http or https URL").doesNotContain("lnbits.example");
    }

    @Test
    void every_real_adapter_and_key_set_is_ready() {
        assertThat(ProductionReadiness.missingSettings(environment(REAL))).isEmpty();
    }

    @Test
    void without_bootstrap_the_cloud_settings_are_not_needed() {
        MockEnvironment noCloud = environment(Map.of("lnjobs.production", "true", "lnjobs.bootstrap.enabled",
                "false"));

        assertThat(names(ProductionReadiness.missingSettings(noCloud)))
                .doesNotContain("DO_API_TOKEN", "DO_VPC_UUID", "DO_SSH_KEY_FINGERPRINT", "SSH_KEY_ENCRYPTION_KEY")
                .contains("LNBITS_URL", "MACAROON_ROOT_KEY");
    }

    @Test
    void the_context_refuses_to_start_in_production_and_starts_outside_it() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(ProductionReadiness.class);

        runner.withPropertyValues("lnjobs.production=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(ProductionNotReadyException.class)
                    .hasMessageContaining("LNBITS_URL").hasMessageContaining("MACAROON_ROOT_KEY");
        });
        runner.withPropertyValues("lnjobs.production=false").run(context -> assertThat(context).hasNotFailed());
    }
}
