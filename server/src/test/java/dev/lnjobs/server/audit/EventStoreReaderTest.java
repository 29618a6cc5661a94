package dev.lnjobs.server.audit;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.config.EventStoreRows.Row;
import dev.lnjobs.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay of a real PostgreSQL event table, without the server. */
class EventStoreReaderTest {

    private static final String REQUEST = "Write a haiku about lightning payments";
    /** At the defaults: quoted 129 sats, settled at 127, so 2 refunded: eleven events. */
    private static final TokenUsage EVAL_USAGE = new TokenUsage(40, 20);
    private static final TokenUsage WORK_USAGE = new TokenUsage(60, 50);

    @Test
    void reads_only_the_message_contract_and_counts_the_rest() {
        DataSource store = EventStoreRows.migrated(TestDatabases.freshDatabase());
        String jobId = UUID.randomUUID().toString();
        EventStoreRows.append(store, JobHistories.refundedJob(jobId, REQUEST, Tariff.defaults(), EVAL_USAGE,
                WORK_USAGE));
        EventStoreRows.appendRaw(store, "other-1", 0, "java.util.ArrayList", "[]");
        EventStoreRows.appendRaw(store, "other-2", 0, "dev.lnjobs.api.job.JobEvents$NoSuchEvent", "{}");

        PricingAuditResult result = EventStoreRows.reader(store).auditPricing();

        assertThat(result.jobsAudited()).isEqualTo(1);
        assertThat(result.eventsRead()).isEqualTo(11);
        assertThat(result.eventsSkipped()).isEqualTo(2);
        assertThat(result.mismatchCount()).isZero();
        assertThat(result.eventsPerSecond()).isPositive();
    }

    @Test
    void a_payload_that_cannot_be_its_recorded_type_is_reported() {
        DataSource store = EventStoreRows.migrated(TestDatabases.freshDatabase());
        String jobId = UUID.randomUUID().toString();
        EventStoreRows.appendRaw(store, jobId, 0, "dev.lnjobs.api.job.JobEvents$WorkInvoiceIssued",
                "{\"jobId\":\"" + jobId + "\",\"invoice\":{\"paymentHash\":\"" + "b".repeat(64)
                        + "\",\"paymentRequest\":\"lnbcrt1b\",\"amountSats\":-5}}");

        PricingAuditResult result = EventStoreRows.reader(store).auditPricing();

        assertThat(result.mismatches()).singleElement().satisfies(mismatch -> {
            assertThat(mismatch.jobId()).isEqualTo(jobId);
            assertThat(mismatch.check()).isEqualTo("event.unreadable");
            assertThat(mismatch.recorded()).contains("an invoice is for a positive amount, not -5");
        });
    }

    /**
     * A store many fetches deep (the reader streams it 1,000 rows at a time) is read whole, and the same on every
     * replay. How fast is the benchmark's business (figure 4: {@code audit-pricing} over 100,000 events), not a test's.
     */
    @Test
    void replays_a_store_many_fetches_deep_completely_and_the_same_every_time() {
        DataSource store = EventStoreRows.migrated(TestDatabases.freshDatabase());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // every tier: requests of 1 to 400 characters; the work used more or fewer tokens than estimated
            String request = "r".repeat(1 + i % 400);
            TokenUsage workUsage = new TokenUsage(40 + i % 90, 10 + i % 700);
            rows.addAll(JobHistories.refundedJob(UUID.randomUUID().toString(), request, Tariff.defaults(),
                    EVAL_USAGE, workUsage));
        }
        EventStoreRows.append(store, rows);
        EventStoreReader reader = EventStoreRows.reader(store);

        PricingAuditResult first = reader.auditPricing();
        PricingAuditResult second = reader.auditPricing();

        assertThat(rows.size()).isGreaterThan(20 * EventStoreReader.FETCH_SIZE);
        assertThat(first.eventsRead()).isEqualTo(rows.size());
        assertThat(first.jobsAudited()).isEqualTo(2_000);
        assertThat(first.mismatchCount()).isZero();
        assertThat(second.eventsRead()).isEqualTo(first.eventsRead());
        assertThat(second.jobsAudited()).isEqualTo(first.jobsAudited());
        assertThat(second.mismatchCount()).isZero();
    }
}
