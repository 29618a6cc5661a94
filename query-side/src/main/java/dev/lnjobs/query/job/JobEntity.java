package dev.lnjobs.query.job;

import dev.lnjobs.api.job.JobQueries.InvoiceView;
import dev.lnjobs.api.job.JobQueries.JobView;
import dev.lnjobs.api.job.JobState;
import dev.lnjobs.api.lightning.Invoice;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row per job: what {@code GET /api/jobs/{id}} shows. */
@Entity
@Table(name = "job_view")
class JobEntity {

    @Id
    @Column(name = "job_id")
    String jobId;
    @Enumerated(EnumType.STRING)
    JobState state;
    String request;
    String evalPaymentHash;
    String evalPaymentRequest;
    Long evalAmountSats;
    Instant evalExpiresAt;
    boolean evalPaid;
    String workPaymentHash;
    String workPaymentRequest;
    Long workAmountSats;
    Instant workExpiresAt;
    boolean workPaid;
    String result;
    String reason;
    Instant createdAt;
    Instant updatedAt;

    void evalInvoice(Invoice invoice) {
        evalPaymentHash = invoice.paymentHash();
        evalPaymentRequest = invoice.paymentRequest();
        evalAmountSats = invoice.amountSats();
        evalExpiresAt = invoice.expiresAt();
    }

    void workInvoice(Invoice invoice) {
        workPaymentHash = invoice.paymentHash();
        workPaymentRequest = invoice.paymentRequest();
        workAmountSats = invoice.amountSats();
        workExpiresAt = invoice.expiresAt();
    }

    JobView toView() {
        InvoiceView eval = evalPaymentHash == null ? null
                : new InvoiceView(evalPaymentHash, evalPaymentRequest, evalAmountSats, evalExpiresAt, evalPaid);
        InvoiceView work = workPaymentHash == null ? null
                : new InvoiceView(workPaymentHash, workPaymentRequest, workAmountSats, workExpiresAt, workPaid);
        return new JobView(jobId, state, request, eval, work, result, reason, createdAt, updatedAt);
    }
}
