package dev.lnjobs.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot tests turn metrics export off unless asked; this one asks, as production runs with it on, and turns on
 * Axon's own meters (AXON_METRICS_ENABLED, off by default). That makes a context of its own, closed after the class
 * so that it does not outlive the tests' PostgreSQL at JVM exit. Actuator answers on the management port only (on
 * loopback), never on the public one.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "axon.metrics.auto-configuration.enabled=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActuatorTest extends ServerTest {

    @LocalManagementPort
    private int managementPort;
    @Autowired
    private Environment environment;

    private ApiClient management() {
        return new ApiClient("http://127.0.0.1:" + managementPort);
    }

    @Test
    void actuator_is_not_served_on_the_public_port_but_api_health_is() {
        ApiClient api = api();
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[]{"/actuator", "/actuator/health", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/info"}) {
            assertThat(api.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        assertThat(management().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void the_management_port_listens_on_loopback_by_default() {
        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("management.server.port")).isEqualTo("0"); // tests: a free port each
    }

    @Test
    void health_is_up_with_the_database_and_every_event_processor() {
        ApiClient.Response response = management().get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.body();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        JsonNode processors = health.path("components").path("eventProcessors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(processors.path("details").fieldNames()).toIterable()
                .contains("job-view", "issued-invoices", "cost-ledger", "JobPaymentSagaProcessor",
                        "RefundSagaProcessor");
        JsonNode jobView = processors.path("details").path("job-view"); // subscribing: no segments to claim
        assertThat(jobView.path("running").asBoolean()).isTrue();
        assertThat(jobView.path("error").asBoolean()).isFalse();
        JsonNode sessions = processors.path("details").path("sessions"); // pooled: lists the segments it holds
        assertThat(sessions.path("running").asBoolean()).isTrue();
        assertThat(sessions.path("claimedSegments").isArray()).isTrue();
    }

    @Test
    void prometheus_scrapes_jvm_and_http_metrics_as_text() {
        ApiClient api = api();
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        // Axon's meters carry the payload type as a tag, so they appear with the first message: a job makes some.
        assertThat(api.postJson("/api/jobs", "{\"request\": \"a haiku about metrics\"}").status()).isEqualTo(201);

        ApiClient.Response response = management().get("/actuator/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        String text = response.body().asText();
        assertThat(text).contains("jvm_memory_used_bytes{");
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/health\"");
        assertThat(text).containsPattern("commandBus_[a-zA-Z_]+\\{[^}]*payloadType=\"CreateJob\"");
    }

    @Test
    void endpoints_that_show_configuration_or_memory_are_not_exposed() {
        ApiClient api = management();
        for (String endpoint : new String[]{"env", "configprops", "heapdump", "beans", "loggers", "threaddump"}) {
            assertThat(api.get("/actuator/" + endpoint).status()).as(endpoint).isEqualTo(404);
        }
    }
}
