package dev.lnjobs.query.job;

import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.JobView;

/**
 * A job as its read models show it: the view and, from its acceptance on, the cost ledger (else null).
 * {@code version} is the sequence number of the job's last event either took in (both are written in that event's
 * transaction): it changes when, and only when, what a reader is shown changes.
 */
public record JobStatus(JobView view, CostLedgerView ledger, String version) {
}
