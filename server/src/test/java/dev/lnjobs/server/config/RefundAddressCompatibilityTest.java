package dev.lnjobs.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lnjobs.api.job.JobEvents.JobCreated;
import dev.lnjobs.api.job.JobEvents.RefundRequested;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.api.session.SessionEvents.SessionCreated;
import dev.lnjobs.api.session.SessionTerms;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before refund addresses existed read with none (null, and a fee reserve of 0); new ones keep it. */
class RefundAddressCompatibilityTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    private final ObjectMapper json = AxonConfiguration.messageObjectMapper();

    /** The event as the code before this change wrote it: the same JSON without the new members. */
    private <T> T readWithout(Object event, Class<T> type, String... members) throws Exception {
        ObjectNode stored = json.valueToTree(event);
        for (String member : members) {
            assertThat(stored.has(member)).isTrue();
            stored.remove(member);
        }
        return json.treeToValue(stored, type);
    }

    @Test
    void a_job_created_before_refund_addresses_has_none() throws Exception {
        JobCreated old = new JobCreated("job-1", "a haiku", Tariff.defaults(), AT);

        assertThat(readWithout(old, JobCreated.class, "refundAddress")).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(old);
        JobCreated addressed = new JobCreated("job-1", "a haiku", Tariff.defaults(), AT, "alice@wallet.example");
        assertThat(json.readValue(json.writeValueAsString(addressed), JobCreated.class)).isEqualTo(addressed);
    }

    @Test
    void a_refund_requested_before_refund_addresses_is_a_claim_with_no_reserve() throws Exception {
        RefundRequested old = new RefundRequested("job-1", "lnbcrt30n1x", "f".repeat(64), 3, AT);

        RefundRequested read = readWithout(old, RefundRequested.class, "lightningAddress", "feeReserveSats");
        assertThat(read).isEqualTo(old);
        assertThat(read.feeReserveSats()).isZero();
        RefundRequested addressed = new RefundRequested("job-1", "lnbcrt10n1x", "f".repeat(64), 1, AT,
                "alice@wallet.example", 2);
        assertThat(json.readValue(json.writeValueAsString(addressed), RefundRequested.class)).isEqualTo(addressed);
    }

    @Test
    void a_session_created_before_refund_addresses_has_none() throws Exception {
        SessionCreated old = new SessionCreated("s-1", 500, new SessionTerms(100, 10000, 50,
                java.time.Duration.ofHours(24)), Tariff.defaults(), AT);

        assertThat(readWithout(old, SessionCreated.class, "refundAddress")).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(old);
    }
}
