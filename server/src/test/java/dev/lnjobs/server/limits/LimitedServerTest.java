package dev.lnjobs.server.limits;

import dev.lnjobs.server.LnJobsApplication;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.testsupport.TestDatabases;
import dev.lnjobs.server.support.TestSettings;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

/**
 * A server of its own with small creation limits (3 jobs, 2 sessions, 1 bootstrap, 2 demo requests per client and
 * hour, 3 demo requests for all), behind a trusted proxy (X-Forwarded-For names the client), and a background
 * payment watcher that sweeps only once an hour.
 */
@SpringBootTest(classes = LnJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LimitedServerTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshDatabase();
        registry.add("lnjobs.database.url", () -> url);
        Map<String, String> settings = TestSettings.all();
        settings.put("lnjobs.limits.jobs-per-hour", "3");
        settings.put("lnjobs.limits.sessions-per-hour", "2");
        settings.put("lnjobs.limits.bootstraps-per-hour", "1");
        settings.put("lnjobs.limits.demo-per-hour", "2");
        settings.put("lnjobs.limits.demo-total-per-hour", "3");
        settings.put("server.forward-headers-strategy", "native");
        settings.put("lnjobs.lightning.watcher-interval", "1h");
        settings.forEach((key, value) -> registry.add(key, () -> value));
    }

    protected ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }
}
