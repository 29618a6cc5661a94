package dev.lnjobs.server.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Settings every test server runs with: no network, fast watcher and retries. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Map<String, String> all() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lnjobs.pricing.offline", "true");
        settings.put("lnjobs.database.pool-size", "12");
        settings.put("lnjobs.lightning.lnbits-url", "");
        settings.put("lnjobs.lightning.lnbits-api-key", "");
        settings.put("lnjobs.ai.anthropic-base-url", "");
        settings.put("lnjobs.ai.anthropic-api-key", "");
        settings.put("lnjobs.lightning.watcher-interval", "200ms");
        settings.put("lnjobs.lightning.watcher-first-delay", "100ms");
        settings.put("lnjobs.ai.first-retry-delay", "100ms");
        settings.put("lnjobs.bootstrap.do-api-token", "");
        settings.put("lnjobs.bootstrap.tailscale-api-key", "");
        settings.put("lnjobs.bootstrap.tailscale-tailnet", "");
        settings.put("lnjobs.bootstrap.ssh-key-encryption-key", "");
        settings.put("lnjobs.bootstrap.poll-first-delay", "100ms");
        settings.put("lnjobs.bootstrap.poll-max-delay", "200ms");
        settings.put("lnjobs.bootstrap.first-retry-delay", "100ms");
        settings.put("lnjobs.bootstrap.stub-polls-until-active", "2");
        settings.put("lnjobs.admin.token", "test-admin-token");
        // the tests create far more than an hour's jobs, sessions and bootstraps from 127.0.0.1; CreationLimitTest
        // runs with small limits. The demo keeps its default of 5 per client (DemoRateLimitTest).
        settings.put("lnjobs.limits.jobs-per-hour", "0");
        settings.put("lnjobs.limits.sessions-per-hour", "0");
        settings.put("lnjobs.limits.bootstraps-per-hour", "0");
        settings.put("management.server.port", "0"); // a free port each: test servers run side by side
        return settings;
    }

    static void forEach(BiConsumer<String, java.util.function.Supplier<Object>> add) {
        all().forEach((key, value) -> add.accept(key, () -> value));
    }
}
