package dev.lnjobs.server.config;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.bootstrap.NodePlan;
import dev.lnjobs.sagas.bootstrap.NodeCleanupSaga;
import dev.lnjobs.sagas.bootstrap.ProvisioningSaga;
import dev.lnjobs.sagas.job.JobPaymentSaga;
import dev.lnjobs.sagas.session.SessionRequestSaga;
import dev.lnjobs.sagas.session.SessionSaga;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sagas stored before the retry policy still load, retry counters and all: the payloads under
 * {@code saga-entries/} were serialized by the code of dcf7c3d, as {@code saga_entry.serialized_saga} holds them,
 * and are read here as the saga store reads a row (type from {@code saga_type}, no revision).
 */
class SagaEntryCompatibilityTest {

    private final Serializer serializer = AxonConfiguration.messageSerializer();

    @Test
    void a_stored_job_payment_saga_keeps_its_failed_attempts_and_deadlines() throws Exception {
        JobPaymentSaga saga = load(JobPaymentSaga.class);

        assertThat(field(saga, "failedAttempts")).isEqualTo(2);
        assertThat(field(saga, "jobId")).isEqualTo("5f0c8c1e-0000-4000-8000-000000000001");
        assertThat(field(saga, "workAmountSats")).isEqualTo(129L);
        assertThat(field(saga, "retryDeadline")).isEqualTo("deadline-retry-1");
        assertThat(field(saga, "expiryDeadline")).isEqualTo("deadline-expiry-1");
    }

    @Test
    void a_stored_session_request_saga_keeps_its_failed_attempts_and_evaluation() throws Exception {
        SessionRequestSaga saga = load(SessionRequestSaga.class);

        assertThat(field(saga, "failedAttempts")).isEqualTo(2);
        assertThat(field(saga, "requestId")).isEqualTo("5f0c8c1e-0000-4000-8000-000000000003");
        assertThat(field(saga, "evalUsage")).isEqualTo(new TokenUsage(131, 7));
        assertThat(field(saga, "verdict")).isEqualTo("fine");
    }

    @Test
    void a_stored_session_saga_and_its_retry_deadline_payload_keep_the_attempt() throws Exception {
        SessionSaga saga = load(SessionSaga.class);
        SessionSaga.InvoiceStep step = read("SessionSaga.InvoiceStep", SessionSaga.InvoiceStep.class);

        assertThat(field(saga, "scheduledExpiry")).isEqualTo(Instant.parse("2026-12-02T19:00:00Z"));
        assertThat(field(saga, "expiryDeadlineId")).isEqualTo("deadline-expiry-2");
        assertThat(step).isEqualTo(new SessionSaga.InvoiceStep("topup-1", 500, 2));
    }

    @Test
    void a_stored_provisioning_saga_keeps_its_failed_attempts_and_what_it_created() throws Exception {
        ProvisioningSaga saga = load(ProvisioningSaga.class);

        assertThat(field(saga, "failedAttempts")).isEqualTo(2);
        assertThat(field(saga, "failed")).isEqualTo(false);
        assertThat(field(saga, "plan")).isEqualTo(new NodePlan("nyc3", "s-4vcpu-8gb", 50));
        assertThat(field(saga, "dropletId")).isEqualTo(4242L);
        assertThat(field(saga, "pollDelay")).isEqualTo(Duration.ofSeconds(20));
        assertThat(field(saga, "tailscaleKeyCreated")).isEqualTo(true);
    }

    @Test
    void a_stored_node_cleanup_saga_keeps_its_failed_attempts() throws Exception {
        NodeCleanupSaga saga = load(NodeCleanupSaga.class);

        assertThat(field(saga, "failedAttempts")).isEqualTo(2);
        assertThat(field(saga, "dropletGone")).isEqualTo(true);
        assertThat(field(saga, "volumeId")).isEqualTo("vol-2");
    }

    private <T> T load(Class<T> sagaType) throws IOException {
        return read(sagaType.getSimpleName(), sagaType);
    }

    private <T> T read(String name, Class<T> type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/saga-entries/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            Object loaded = serializer.deserialize(
                    new SimpleSerializedObject<>(in.readAllBytes(), byte[].class, type.getName(), null));
            return type.cast(loaded);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
