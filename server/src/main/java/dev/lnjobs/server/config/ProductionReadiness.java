package dev.lnjobs.server.config;

import okhttp3.HttpUrl;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * With PRODUCTION=true (or the production profile) the server refuses to start when any adapter would be a stub
 * (Lightning, model, price feed, and the cloud unless BOOTSTRAP_ENABLED=false) or any development key would be used,
 * and names every missing setting at once. It runs before any bean is made, so no single bean's refusal hides the
 * others, and before the database or the HTTP port are touched. Values are never echoed: some are secrets.
 */
@Component
class ProductionReadiness implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String PRODUCTION = "lnjobs.production";
    static final String BOOTSTRAP_ENABLED = "lnjobs.bootstrap.enabled";
    static final int MIN_ADMIN_TOKEN_CHARS = 32;

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.getProperty(PRODUCTION, Boolean.class, false)) {
            return;
        }
        List<String> missing = missingSettings(environment);
        if (!missing.isEmpty()) {
            throw new ProductionNotReadyException(missing);
        }
    }

    /** Each entry starts with the environment variable to set, then says why in a few words. */
    static List<String> missingSettings(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> missing = new ArrayList<>();
        LightningProperties lightning = binder.bindOrCreate("lnjobs.lightning", LightningProperties.class);
        url(missing, "LNBITS_URL", lightning.lnbitsUrl(), "LNbits, or Lightning would be a stub");
        text(missing, "LNBITS_API_KEY", lightning.lnbitsApiKey(), "LNbits' invoice key, or Lightning would be a stub");
        AiProperties ai = binder.bindOrCreate("lnjobs.ai", AiProperties.class);
        url(missing, "AI_INTEGRATIONS_ANTHROPIC_BASE_URL", ai.anthropicBaseUrl(), "or the model would be a stub");
        text(missing, "AI_INTEGRATIONS_ANTHROPIC_API_KEY", ai.anthropicApiKey(), "or the model would be a stub");
        if (environment.getProperty("lnjobs.pricing.offline", Boolean.class, false)) {
            missing.add("BTC_PRICE_OFFLINE (true: every quote would use the fixed fallback price)");
        }
        url(missing, "COINGECKO_URL", environment.getProperty("lnjobs.pricing.coingecko-url"),
                "the live BTC price");
        if (environment.getProperty(BOOTSTRAP_ENABLED, Boolean.class, true)) {
            BootstrapProperties bootstrap = binder.bindOrCreate("lnjobs.bootstrap", BootstrapProperties.class);
            String why = "or set BOOTSTRAP_ENABLED=false";
            text(missing, "DO_API_TOKEN", bootstrap.doApiToken(), "DigitalOcean, or the cloud would be a stub; " + why);
            text(missing, "DO_VPC_UUID", bootstrap.doVpcUuid(), why);
            text(missing, "DO_SSH_KEY_FINGERPRINT", bootstrap.doSshKeyFingerprint(), why);
            text(missing, "SSH_KEY_ENCRYPTION_KEY", bootstrap.sshKeyEncryptionKey(),
                    "64 hex digits, or SSH keys would be encrypted with a development key; " + why);
        }
        text(missing, "MACAROON_ROOT_KEY", environment.getProperty("lnjobs.session.macaroon-root-key"),
                "64+ hex digits, or sessions would be signed with a development key");
        if (!LightningProperties.isBlank(environment.getProperty(LightningAddressProperties.INSECURE_TEST_ORIGIN))) {
            missing.add(LightningAddressProperties.INSECURE_TEST_ORIGIN + " (a test allowance that lets Lightning "
                    + "Address calls use http and reach loopback: unset it)");
        }
        String adminToken = environment.getProperty("lnjobs.admin.token", "").strip();
        if (!adminToken.isEmpty() && adminToken.length() < MIN_ADMIN_TOKEN_CHARS) {
            missing.add("ADMIN_TOKEN (at least " + MIN_ADMIN_TOKEN_CHARS + " characters, or unset to turn the admin "
                    + "routes off)");
        }
        return missing;
    }

    private static void text(List<String> missing, String name, String value, String why) {
        if (LightningProperties.isBlank(value)) {
            missing.add(name + " (" + why + ")");
        }
    }

    private static void url(List<String> missing, String name, String value, String why) {
        if (LightningProperties.isBlank(value)) {
            missing.add(name + " (" + why + ")");
        } else if (HttpUrl.parse(value.strip()) == null) {
            missing.add(name + " (not an http or https URL; " + why + ")");
        }
    }
}
