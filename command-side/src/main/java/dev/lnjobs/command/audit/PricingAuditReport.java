package dev.lnjobs.command.audit;

import java.util.List;

/**
 * What a pricing audit found: every figure that differs from the one the pricing policy derives from the
 * job's recorded inputs. {@code mismatches} holds the first {@link PricingAudit#MISMATCHES_KEPT};
 * {@code mismatchCount} counts them all.
 */
public record PricingAuditReport(long jobsAudited, long eventsRead, long mismatchCount, List<Mismatch> mismatches) {

    public PricingAuditReport {
        mismatches = List.copyOf(mismatches);
    }

    public boolean clean() {
        return mismatchCount == 0;
    }

    /**
     * One figure that differs.
     *
     * @param check    which figure, e.g. {@code work_invoice.amount_sats}
     * @param expected what the pricing policy derives from the recorded inputs
     * @param recorded what the event says
     */
    public record Mismatch(String jobId, String check, String expected, String recorded) {
    }
}
