package dev.lnjobs.server.config;

import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.pricing.Tariff;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JobCreated stored before creations carried their evaluation invoice reads as one whose invoice was the saga's
 * to issue (evalInvoiceIncluded false), read as the event store reads a row; a new one keeps the flag. (The saga of
 * such a job started on that event, under the version that stored it; this version starts it on
 * EvalInvoiceRequested or on the payment.)
 */
class JobCreatedCompatibilityTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    private final Serializer serializer = AxonConfiguration.messageSerializer();

    @Test
    void a_job_created_before_the_flag_existed_leaves_its_invoice_to_the_saga() {
        // the payload as the code before this change wrote it: every member but evalInvoiceIncluded
        String stored = new String(serializer.serialize(new JobCreated("job-1", "a haiku", Tariff.defaults(), AT,
                "alice@wallet.example"), byte[].class).getData(), StandardCharsets.UTF_8)
                .replace(",\"evalInvoiceIncluded\":false", "");
        assertThat(stored).doesNotContain("evalInvoiceIncluded").contains("\"refundAddress\":\"alice@wallet.example\"");

        JobCreated read = read(stored);

        assertThat(read.evalInvoiceIncluded()).isFalse();
        assertThat(read.refundAddress()).isEqualTo("alice@wallet.example");
        assertThat(read.request()).isEqualTo("a haiku");
    }

    @Test
    void a_job_created_with_its_invoice_keeps_the_flag() {
        JobCreated created = new JobCreated("job-1", "a haiku", Tariff.defaults(), AT, null, true);
        String stored = new String(serializer.serialize(created, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(read(stored).evalInvoiceIncluded()).isTrue();
    }

    private JobCreated read(String payload) {
        return serializer.deserialize(new SimpleSerializedObject<>(payload.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType(JobCreated.class.getName(), null)));
    }
}
