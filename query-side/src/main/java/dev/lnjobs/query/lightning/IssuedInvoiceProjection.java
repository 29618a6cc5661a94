package dev.lnjobs.query.lightning;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapInvoiceIssued;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapLatePaymentReceived;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.LatePaymentReceived;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.lightning.Invoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindPendingInvoicesOf;
import dev.lnjobs.api.lightning.InvoiceQueries.PendingInvoices;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.Purpose;
import dev.lnjobs.api.session.SessionEvents.DepositInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.DepositPaid;
import dev.lnjobs.api.session.SessionEvents.SessionExpired;
import dev.lnjobs.api.session.SessionEvents.TopUpInvoiceIssued;
import dev.lnjobs.api.session.SessionEvents.TopUpPaid;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Routes payment notices: which aggregate an invoice belongs to, and which invoices still wait. Its processing group
 * is subscribing, so an invoice is routable in the same transaction that issues it: a payment can never outrun it.
 */
@Component
@ProcessingGroup(IssuedInvoiceProjection.PROCESSING_GROUP)
public class IssuedInvoiceProjection {

    public static final String PROCESSING_GROUP = "issued-invoices";

    private static final String COLUMNS = "payment_hash, purpose, owner_id, amount_sats, expires_at, paid";
    private static final RowMapper<IssuedInvoice> INVOICE = (rows, n) -> new IssuedInvoice(
            rows.getString("payment_hash"), Purpose.valueOf(rows.getString("purpose")), rows.getString("owner_id"),
            rows.getLong("amount_sats"), rows.getObject("expires_at", OffsetDateTime.class).toInstant(),
            rows.getBoolean("paid"));

    private final JdbcTemplate jdbc;

    IssuedInvoiceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code at} as the event store keeps it (milliseconds), so that a replay writes the same row. */
    private void issued(Invoice invoice, Purpose purpose, String ownerId, Instant at) {
        // the watcher's first check is due at once (next_check_at; JdbcInvoiceCheckSchedule moves it)
        jdbc.update("INSERT INTO issued_invoice (payment_hash, purpose, owner_id, amount_sats, issued_at, expires_at, "
                        + "next_check_at) VALUES (?, ?, ?, ?, ?, ?, ?)", invoice.paymentHash(), purpose.name(), ownerId,
                invoice.amountSats(), utc(at.truncatedTo(ChronoUnit.MILLIS)), utc(invoice.expiresAt()),
                utc(at.truncatedTo(ChronoUnit.MILLIS)));
    }

    private void paid(String paymentHash) {
        jdbc.update("UPDATE issued_invoice SET paid = TRUE WHERE payment_hash = ?", paymentHash);
    }

    /** The owner no longer waits for any of its invoices (rejected, failed, expired). */
    private void closeAllOf(String ownerId) {
        jdbc.update("UPDATE issued_invoice SET closed = TRUE WHERE owner_id = ?", ownerId);
    }

    @EventHandler
    void on(EvalInvoiceIssued event, @Timestamp Instant at) {
        issued(event.invoice(), Purpose.JOB_EVAL, event.jobId(), at);
    }

    @EventHandler
    void on(WorkInvoiceIssued event, @Timestamp Instant at) {
        issued(event.invoice(), Purpose.JOB_WORK, event.jobId(), at);
    }

    @EventHandler
    void on(EvalInvoicePaid event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(WorkInvoicePaid event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(LatePaymentReceived event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(JobRejected event) {
        closeAllOf(event.jobId());
    }

    @EventHandler
    void on(JobExpired event) {
        closeAllOf(event.jobId());
    }

    @EventHandler
    void on(JobFailed event) {
        closeAllOf(event.jobId());
    }

    @EventHandler
    void on(BootstrapInvoiceIssued event, @Timestamp Instant at) {
        issued(event.invoice(), Purpose.BOOTSTRAP, event.bootstrapId(), at);
    }

    @EventHandler
    void on(BootstrapPaid event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(BootstrapLatePaymentReceived event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(DepositInvoiceIssued event, @Timestamp Instant at) {
        issued(event.invoice(), Purpose.SESSION_DEPOSIT, event.sessionId(), at);
    }

    @EventHandler
    void on(TopUpInvoiceIssued event, @Timestamp Instant at) {
        issued(event.invoice(), Purpose.SESSION_TOPUP, event.sessionId(), at);
    }

    @EventHandler
    void on(DepositPaid event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(ProvisioningFailed event) {
        closeAllOf(event.bootstrapId());
    }

    @EventHandler
    void on(TopUpPaid event) {
        paid(event.paymentHash());
    }

    @EventHandler
    void on(SessionExpired event) {
        closeAllOf(event.sessionId());
    }

    @QueryHandler
    IssuedInvoice handle(FindInvoice query) {
        return jdbc.query("SELECT " + COLUMNS + " FROM issued_invoice WHERE payment_hash = ?", INVOICE,
                query.paymentHash()).stream().findFirst().orElse(null);
    }

    @QueryHandler
    PendingInvoices handle(FindPendingInvoicesOf query) {
        return new PendingInvoices(jdbc.query("SELECT " + COLUMNS + " FROM issued_invoice "
                + "WHERE owner_id = ? AND NOT paid AND NOT closed ORDER BY issued_at", INVOICE, query.ownerId()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
