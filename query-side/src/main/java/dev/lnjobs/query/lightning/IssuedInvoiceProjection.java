package dev.lnjobs.query.lightning;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapInvoiceIssued;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.ProvisioningFailed;
import dev.lnjobs.api.job.JobEvents.EvalInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.EvalInvoicePaid;
import dev.lnjobs.api.job.JobEvents.JobExpired;
import dev.lnjobs.api.job.JobEvents.JobFailed;
import dev.lnjobs.api.job.JobEvents.JobRejected;
import dev.lnjobs.api.job.JobEvents.WorkInvoiceIssued;
import dev.lnjobs.api.job.JobEvents.WorkInvoicePaid;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindPendingInvoices;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.PendingInvoices;
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
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Routes payment notices: which aggregate an invoice belongs to, and which invoices still wait. A newly issued invoice
 * is pushed to subscribed readers, so an endpoint can hand out an invoice only once a payment of it can be routed.
 */
@Component
@ProcessingGroup("issued-invoices")
class IssuedInvoiceProjection {

    private final IssuedInvoiceRepository invoices;
    private final QueryUpdateEmitter updates;

    IssuedInvoiceProjection(IssuedInvoiceRepository invoices, QueryUpdateEmitter updates) {
        this.invoices = invoices;
        this.updates = updates;
    }

    /** Records a new invoice and tells whoever waits for it (a payment notice that outran this projection). */
    private void issued(IssuedInvoiceEntity invoice) {
        invoices.save(invoice);
        IssuedInvoice view = invoice.toView();
        updates.emit(FindInvoice.class, query -> query.paymentHash().equals(view.paymentHash()), view);
    }

    @EventHandler
    void on(EvalInvoiceIssued event, @Timestamp Instant at) {
        issued(IssuedInvoiceEntity.of(event.invoice(), Purpose.JOB_EVAL, event.jobId(), at));
    }

    @EventHandler
    void on(WorkInvoiceIssued event, @Timestamp Instant at) {
        issued(IssuedInvoiceEntity.of(event.invoice(), Purpose.JOB_WORK, event.jobId(), at));
    }

    @EventHandler
    void on(EvalInvoicePaid event) {
        invoices.markPaid(event.paymentHash());
    }

    @EventHandler
    void on(WorkInvoicePaid event) {
        invoices.markPaid(event.paymentHash());
    }

    @EventHandler
    void on(JobRejected event) {
        invoices.closeAllOf(event.jobId());
    }

    @EventHandler
    void on(JobExpired event) {
        invoices.closeAllOf(event.jobId());
    }

    @EventHandler
    void on(JobFailed event) {
        invoices.closeAllOf(event.jobId());
    }

    @EventHandler
    void on(BootstrapInvoiceIssued event, @Timestamp Instant at) {
        issued(IssuedInvoiceEntity.of(event.invoice(), Purpose.BOOTSTRAP, event.bootstrapId(), at));
    }

    @EventHandler
    void on(BootstrapPaid event) {
        invoices.markPaid(event.paymentHash());
    }

    @EventHandler
    void on(DepositInvoiceIssued event, @Timestamp Instant at) {
        issued(IssuedInvoiceEntity.of(event.invoice(), Purpose.SESSION_DEPOSIT, event.sessionId(), at));
    }

    @EventHandler
    void on(TopUpInvoiceIssued event, @Timestamp Instant at) {
        issued(IssuedInvoiceEntity.of(event.invoice(), Purpose.SESSION_TOPUP, event.sessionId(), at));
    }

    @EventHandler
    void on(DepositPaid event) {
        invoices.markPaid(event.paymentHash());
    }

    @EventHandler
    void on(ProvisioningFailed event) {
        invoices.closeAllOf(event.bootstrapId());
    }

    @EventHandler
    void on(TopUpPaid event) {
        invoices.markPaid(event.paymentHash());
    }

    @EventHandler
    void on(SessionExpired event) {
        invoices.closeAllOf(event.sessionId());
    }

    @QueryHandler
    IssuedInvoice handle(FindInvoice query) {
        return invoices.findById(query.paymentHash()).map(IssuedInvoiceEntity::toView).orElse(null);
    }

    @QueryHandler
    PendingInvoices handle(FindPendingInvoices query) {
        return new PendingInvoices(invoices.findPending(query.asOf(), PageRequest.of(0, query.limit())).stream()
                .map(IssuedInvoiceEntity::toView).toList());
    }
}
