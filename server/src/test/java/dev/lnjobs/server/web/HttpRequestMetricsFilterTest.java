package dev.lnjobs.server.web;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The tags and the moment of recording, without a server: escaped exceptions, async completion, fallbacks. */
class HttpRequestMetricsFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpRequestMetricsFilter filter = new HttpRequestMetricsFilter(registry);

    private static MockHttpServletRequest request(String method, String pattern) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/jobs/1");
        if (pattern != null) {
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        }
        return request;
    }

    private Timer timer(String... tags) {
        return registry.find(HttpRequestMetricsFilter.METER).tags(tags).timer();
    }

    @Test
    void a_request_is_recorded_under_its_pattern_and_repeats_reuse_one_timer() throws Exception {
        FilterChain created = (req, res) -> ((HttpServletResponse) res).setStatus(201);
        filter.doFilter(request("POST", "/api/jobs/{jobId}"), new MockHttpServletResponse(), created);
        filter.doFilter(request("POST", "/api/jobs/{jobId}"), new MockHttpServletResponse(), created);

        Timer timer = timer("method", "POST", "uri", "/api/jobs/{jobId}", "status", "201", "outcome", "SUCCESS",
                "exception", "none", "error", "none");
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(registry.getMeters()).hasSize(1);
    }

    @Test
    void an_escaped_exception_is_tagged_by_its_simple_name_with_status_500() {
        FilterChain failing = (req, res) -> {
            throw new ServletException("wrapped", new IllegalStateException("boom"));
        };

        assertThatThrownBy(() -> filter.doFilter(request("GET", "/api/health"), new MockHttpServletResponse(),
                failing)).isInstanceOf(ServletException.class);

        Timer timer = timer("uri", "/api/health", "status", "500", "outcome", "SERVER_ERROR",
                "exception", "IllegalStateException", "error", "IllegalStateException");
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void an_async_request_is_recorded_once_when_it_completes_with_its_final_status() throws Exception {
        MockHttpServletRequest request = request("GET", "/api/jobs/{jobId}");
        request.setAsyncSupported(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> req.startAsync());

        // held for at least 50 ms after its dispatch returned, and recorded by none of that time
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(registry.find(HttpRequestMetricsFilter.METER).timers()).as("held, not answered").isEmpty());
        response.setStatus(304);
        request.getAsyncContext().complete();

        Timer timer = timer("uri", "/api/jobs/{jobId}", "status", "304", "outcome", "REDIRECTION");
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
        assertThat(registry.find(HttpRequestMetricsFilter.METER).timers()).hasSize(1);
    }

    @Test
    void without_a_pattern_the_uri_is_spring_conventions_fallback_and_odd_methods_are_unknown() throws Exception {
        filter.doFilter(request("GET", null), new MockHttpServletResponse(), (req, res) ->
                ((HttpServletResponse) res).setStatus(404));
        filter.doFilter(request("GET", null), new MockHttpServletResponse(), (req, res) ->
                ((HttpServletResponse) res).setStatus(302));
        filter.doFilter(request("BREW", null), new MockHttpServletResponse(), (req, res) -> { });
        filter.doFilter(request("GET", ""), new MockHttpServletResponse(), (req, res) -> { });

        assertThat(timer("uri", "NOT_FOUND", "status", "404", "outcome", "CLIENT_ERROR")).isNotNull();
        assertThat(timer("uri", "REDIRECTION", "status", "302", "outcome", "REDIRECTION")).isNotNull();
        assertThat(timer("method", "UNKNOWN", "uri", "UNKNOWN", "status", "200")).isNotNull();
        assertThat(timer("method", "GET", "uri", "root", "status", "200")).isNotNull();
    }
}
