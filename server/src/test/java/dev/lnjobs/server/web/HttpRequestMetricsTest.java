package dev.lnjobs.server.web;

import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code http_server_requests_seconds} as operators read it in Prometheus: one series per route pattern, method,
 * status, outcome and exception, recorded by {@link HttpRequestMetricsFilter} rather than by Spring's observation
 * filter; a held request counts once, when it is answered. Counts are compared before and after, as other requests
 * (the scrapes among them, on the management port) may share the context.
 */
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HttpRequestMetricsTest extends ServerTest {

    private static final Pattern SERIES = Pattern.compile(
            "^(http_server_requests_seconds_(?:count|sum))\\{(.*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @LocalManagementPort
    private int managementPort;
    @Autowired
    private ApplicationContext context;

    @Test
    void spring_observation_filter_is_not_registered() {
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .extracting(FilterRegistrationBean::getFilter)
                .noneMatch(ServerHttpObservationFilter.class::isInstance)
                .anyMatch(HttpRequestMetricsFilter.class::isInstance);
        assertThat(context.getBeanNamesForType(ServerHttpObservationFilter.class)).isEmpty();
    }

    @Test
    void each_request_counts_under_its_route_pattern_status_and_outcome() {
        ApiClient api = api();
        String jobId = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body().path("jobId").asText();
        String before = scrape();

        assertThat(api.get("/api/jobs/" + jobId).status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/" + jobId).status()).isEqualTo(200);
        assertThat(api.get("/api/jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.post("/api/dev/stub/pay/xyz").status()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String after = scrape();
            assertThat(delta(before, after, "count", Map.of("method", "GET", "uri", "/api/jobs/{jobId}",
                    "status", "200", "outcome", "SUCCESS", "exception", "none", "error", "none"))).isEqualTo(2);
            assertThat(delta(before, after, "count", Map.of("method", "GET", "uri", "/api/jobs/{jobId}",
                    "status", "404", "outcome", "CLIENT_ERROR", "exception", "none"))).isEqualTo(1);
            assertThat(delta(before, after, "count", Map.of("method", "GET", "uri", "/api/jobs/{jobId}",
                    "status", "400", "outcome", "CLIENT_ERROR"))).isEqualTo(1);
            assertThat(delta(before, after, "count", Map.of("method", "POST",
                    "uri", "/api/dev/stub/pay/{paymentHash}", "status", "400"))).isEqualTo(1);
            assertThat(delta(before, after, "count", Map.of("uri", "/api/jobs/not-a-uuid"))).isZero();
            assertThat(after).contains("application=\"lnjobs\"");
        });
    }

    @Test
    void a_request_no_route_maps_counts_under_the_resource_pattern_not_its_path() {
        ApiClient api = api();
        String before = scrape();

        assertThat(api.get("/api/no-such-route/" + UUID.randomUUID()).status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String after = scrape();
            assertThat(delta(before, after, "count", Map.of("method", "GET", "status", "404"))).isEqualTo(1);
            // Spring Boot maps static resources at /**: an unknown route falls to that pattern
            assertThat(delta(before, after, "count", Map.of("method", "GET", "status", "404", "uri", "/**",
                    "outcome", "CLIENT_ERROR"))).isEqualTo(1);
            assertThat(after).doesNotContain("no-such-route");
        });
    }

    @Test
    void a_held_long_poll_counts_once_with_the_time_it_was_held() {
        ApiClient api = api();
        String jobId = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body().path("jobId").asText();
        String etag = api.get("/api/jobs/" + jobId).header("ETag");
        Map<String, String> notModified = Map.of("method", "GET", "uri", "/api/jobs/{jobId}", "status", "304",
                "outcome", "REDIRECTION", "exception", "none");
        String before = scrape();

        long start = System.nanoTime();
        ApiClient.Response held = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/jobs/" + jobId))
                .header("If-None-Match", etag).header("Prefer", "wait=1").GET());
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(held.status()).isEqualTo(304);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String after = scrape();
            assertThat(delta(before, after, "count", notModified)).isEqualTo(1);
            assertThat(delta(before, after, "sum", notModified)).isBetween(1.0, waited.toNanos() / 1e9);
        });
    }

    private String scrape() {
        ApiClient.Response response = new ApiClient("http://127.0.0.1:" + managementPort).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body().asText();
    }

    private static double delta(String before, String after, String kind, Map<String, String> labels) {
        return total(after, kind, labels) - total(before, kind, labels);
    }

    /** The sum over every {@code http_server_requests_seconds_<kind>} series that carries all the labels given. */
    private static double total(String text, String kind, Map<String, String> labels) {
        double total = 0;
        Matcher series = SERIES.matcher(text);
        while (series.find()) {
            if (!series.group(1).endsWith("_" + kind)) {
                continue;
            }
            Map<String, String> found = new java.util.HashMap<>();
            Matcher label = LABEL.matcher(series.group(2));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                total += Double.parseDouble(series.group(3));
            }
        }
        return total;
    }
}
