package dev.lnjobs.server.audit;

import dev.lnjobs.command.audit.PricingAuditReport;
import dev.lnjobs.command.audit.PricingAuditReport.Mismatch;

import java.util.List;

/**
 * A pricing audit of the whole event store, as the admin endpoint and the command line print it.
 *
 * @param eventsRead      events of known types, audited
 * @param eventsSkipped   events of types outside the message contract, counted and not read
 * @param mismatches      the first 1000 mismatches; {@code mismatchCount} counts them all
 * @param eventsPerSecond rows of the store read per second of the replay
 */
public record PricingAuditResult(long jobsAudited, long eventsRead, long eventsSkipped, long mismatchCount,
                                 List<Mismatch> mismatches, long elapsedMillis, long eventsPerSecond) {

    static PricingAuditResult of(PricingAuditReport report, long eventsSkipped, long elapsedNanos) {
        long rows = report.eventsRead() + eventsSkipped;
        long perSecond = rows * 1_000_000_000L / Math.max(1, elapsedNanos);
        return new PricingAuditResult(report.jobsAudited(), report.eventsRead(), eventsSkipped,
                report.mismatchCount(), report.mismatches(), elapsedNanos / 1_000_000, perSecond);
    }
}
