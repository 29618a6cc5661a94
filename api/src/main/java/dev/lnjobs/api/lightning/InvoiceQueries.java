package dev.lnjobs.api.lightning;

import java.time.Instant;
import java.util.List;

/** Queries over every invoice this service issued, whatever it was for. */
public final class InvoiceQueries {

    private InvoiceQueries() {
    }

    /** What an invoice pays for; the owner id is the aggregate a payment notice goes to. */
    public enum Purpose { JOB_EVAL, JOB_WORK, SESSION_DEPOSIT, SESSION_TOPUP, BOOTSTRAP }

    /** Answers an {@link IssuedInvoice}, or null when this service never issued the hash. */
    public record FindInvoice(String paymentHash) {
    }

    /**
     * Answers {@link PendingInvoices}: the invoices of one owner (a job, session or bootstrap) that are unpaid and
     * still open, whether or not past their expiry (a payment made in time may be noticed late).
     */
    public record FindPendingInvoicesOf(String ownerId) {
    }

    public record PendingInvoices(List<IssuedInvoice> invoices) {
    }

    public record IssuedInvoice(String paymentHash, Purpose purpose, String ownerId, long amountSats,
                                Instant expiresAt, boolean paid) {
    }
}
