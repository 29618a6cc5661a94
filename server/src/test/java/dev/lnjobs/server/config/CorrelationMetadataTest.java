package dev.lnjobs.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lnjobs.server.support.ApiClient;
import dev.lnjobs.server.support.ServerTest;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events carry no correlation metadata by default; AXON_MESSAGE_ORIGIN=true gives Axon's message origin back. */
class CorrelationMetadataTest extends ServerTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void the_events_of_a_job_a_saga_moved_on_carry_no_trace_or_correlation_id() {
        ApiClient api = api();
        JsonNode created = api.postJson("/api/jobs", "{\"request\": \"Count to three\"}").body();
        String jobId = created.path("jobId").asText();
        api.post("/api/dev/stub/pay/" + created.path("evalInvoice").path("paymentHash").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> "awaiting_work_payment".equals(
                api.get("/api/jobs/" + jobId).body().path("state").asText()));

        List<String> metadata = jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, jobId);
        assertThat(metadata).as("JobCreated, the paid invoice and the saga's evaluation, quote and work invoice")
                .hasSizeGreaterThanOrEqualTo(5).allSatisfy(each -> assertThat(each).isEqualTo("{}"));
    }

    @Test
    void the_property_brings_axons_message_origin_back() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(CorrelationConfiguration.class);
        runner.run(context -> assertThat(context).hasSingleBean(CorrelationDataProvider.class));
        runner.withPropertyValues("lnjobs.axon.message-origin=true")
                .run(context -> assertThat(context).doesNotHaveBean(CorrelationDataProvider.class));
    }
}
