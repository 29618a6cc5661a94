package dev.lnjobs.api.job;

import java.time.Instant;

/** Queries the job read model answers. */
public final class JobQueries {

    private JobQueries() {
    }

    /** Answers a {@link JobView}, or null when no such job exists. */
    public record FindJob(String jobId) {
    }

    public record InvoiceView(String paymentHash, String paymentRequest, long amountSats, Instant expiresAt,
                              boolean paid) {
    }

    public record JobView(String jobId, JobState state, String request, InvoiceView evalInvoice,
                          InvoiceView workInvoice, String result, String reason, Instant createdAt,
                          Instant updatedAt) {
    }
}
