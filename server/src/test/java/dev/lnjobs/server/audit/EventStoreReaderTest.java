package dev.lnjobs.server.audit;

import dev.lnjobs.api.ai.TokenUsage;
import dev.lnjobs.api.pricing.Tariff;
import dev.lnjobs.server.config.EventStoreRows;
import dev.lnjobs.server.config.EventStoreRows.Row;
import dev.lnjobs.server.support.TestDatabases;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
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
     * Measured in CPU time of this process (both replay threads, the JIT, the collector and whatever else runs in
     * it), because wall time on a shared build machine measures the other builds too; the endpoint reports wall
     * time. The first replay of a JVM also compiles the code it runs, so the figure is the cheapest of four more,
     * as a running server would replay.
     */
    @Test
    void replays_over_100000_events_at_50000_events_per_cpu_second_or_more() {
        DataSource store = EventStoreRows.migrated(TestDatabases.freshDatabase());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // every tier: requests of 1 to 400 characters; the work used more or fewer tokens than estimated
            String request = "r".repeat(1 + i % 400);
            TokenUsage workUsage = new TokenUsage(40 + i % 90, 10 + i % 700);
            rows.addAll(JobHistories.refundedJob(UUID.randomUUID().toString(), request, Tariff.defaults(),
                    EVAL_USAGE, workUsage));
        }
        EventStoreRows.append(store, rows);
        EventStoreReader reader = EventStoreRows.reader(store);

        long cpuAtStart = processCpuNanos();
        PricingAuditResult first = reader.auditPricing();
        System.out.printf("first replay: %d ms wall (%d events/s), %d ms CPU%n", first.elapsedMillis(),
                first.eventsPerSecond(), (processCpuNanos() - cpuAtStart) / 1_000_000);
        long cheapestCpuNanos = Long.MAX_VALUE;
        for (int replay = 2; replay <= 5; replay++) {
            long cpuBefore = processCpuNanos();
            PricingAuditResult result = reader.auditPricing();
            long cpuNanos = processCpuNanos() - cpuBefore;
            cheapestCpuNanos = Math.min(cheapestCpuNanos, cpuNanos);
            System.out.printf("replay %d: %d ms wall (%d events/s), %d ms CPU%n", replay, result.elapsedMillis(),
                    result.eventsPerSecond(), cpuNanos / 1_000_000);
            assertThat(result.eventsRead()).isEqualTo(first.eventsRead());
        }

        assertThat(rows.size()).isGreaterThan(100_000);
        assertThat(first.eventsRead()).isEqualTo(rows.size());
        assertThat(first.jobsAudited()).isEqualTo(10_000);
        assertThat(first.mismatchCount()).isZero();
        assertThat(first.eventsRead() * 1_000_000_000L / cheapestCpuNanos).isGreaterThanOrEqualTo(50_000);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
