package dev.lnjobs.query.job;

import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.JobView;

/**
 * A job as its read models show it: the view and, from its acceptance on, the cost ledger (else null).
 * {@code version} changes with every event either took in, so it identifies what a reader has seen.
 */
public record JobStatus(JobView view, CostLedgerView ledger, String version) {
}
