package dev.lnjobs.server.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lnjobs.api.job.JobQueries.CostLedgerView;
import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.query.job.JobStatus;

import java.time.Instant;

/**
 * What clients read about a job; field names follow the seed's examples. {@code accessToken} is in the creation
 * answer only: the credential for the job's refund claim, shown once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResponse(String jobId, JobState state, String request, InvoiceResponse evalInvoice,
                   InvoiceResponse workInvoice, String result, String reason, CostLedgerView costLedger,
                   String accessToken, Instant createdAt, Instant updatedAt) {

    record InvoiceResponse(String paymentRequest, long amountSats, String paymentHash, Instant expiresAt,
                           boolean paid) {

        static InvoiceResponse of(InvoiceView view) {
            return view == null ? null : new InvoiceResponse(view.paymentRequest(), view.amountSats(),
                    view.paymentHash(), view.expiresAt(), view.paid());
        }
    }

    static JobResponse of(JobStatus status) {
        return of(status.view(), status.ledger());
    }

    static JobResponse of(JobView view, CostLedgerView ledger) {
        return new JobResponse(view.jobId(), view.state(), view.request(), InvoiceResponse.of(view.evalInvoice()),
                InvoiceResponse.of(view.workInvoice()), view.result(), view.reason(), ledger, null, view.createdAt(),
                view.updatedAt());
    }

    JobResponse withAccessToken(String token) {
        return new JobResponse(jobId, state, request, evalInvoice, workInvoice, result, reason, costLedger, token,
                createdAt, updatedAt);
    }
}
