package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.bootstrap.BootstrapCommands.ConfirmBootstrapPaid;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.FindPendingInvoicesOf;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.PendingInvoices;
import dev.lnjobs.api.session.SessionCommands.ConfirmSessionPayment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The one way a payment becomes a fact: whoever noticed it (a read, the watcher, a webhook), the node is asked
 * whether the hash is paid before the owner is told. Repeating a notice is harmless: the aggregate ignores a
 * payment it already recorded.
 */
public class PaymentNotices {

    private static final Logger log = LoggerFactory.getLogger(PaymentNotices.class);

    public enum Outcome { CONFIRMED, ALREADY_PAID, NOT_PAID, UNKNOWN_INVOICE }

    private final LightningNode lightning;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public PaymentNotices(LightningNode lightning, CommandGateway commands, QueryGateway queries, Clock clock) {
        this.lightning = lightning;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * Asks the node first, so that the common case (a client polling an unpaid invoice) costs one look-up; only a
     * paid hash is routed to its owner.
     */
    public Outcome recheck(String paymentHash) {
        LightningNode.PaymentStatus status = lightning.checkPayment(paymentHash);
        if (status == LightningNode.PaymentStatus.UNKNOWN) {
            return Outcome.UNKNOWN_INVOICE;
        }
        if (status != LightningNode.PaymentStatus.PAID) {
            return Outcome.NOT_PAID;
        }
        // The invoice projection is written in the transaction that issues an invoice: no payment can outrun it.
        IssuedInvoice invoice = queries.query(new FindInvoice(paymentHash),
                ResponseTypes.instanceOf(IssuedInvoice.class)).join();
        if (invoice == null) {
            return Outcome.UNKNOWN_INVOICE;
        }
        return invoice.paid() ? Outcome.ALREADY_PAID : confirm(invoice);
    }

    public Outcome recheck(IssuedInvoice invoice) {
        if (invoice.paid()) {
            return Outcome.ALREADY_PAID;
        }
        if (lightning.checkPayment(invoice.paymentHash()) != LightningNode.PaymentStatus.PAID) {
            return Outcome.NOT_PAID;
        }
        return confirm(invoice);
    }

    /**
     * A reader's re-check: every invoice of the owner (job, session or bootstrap) that the invoice record shows
     * unpaid and open is re-checked with the node. Which invoice an owner waits for is known here, from the record
     * written with each invoice, and nowhere else. Answers whether a payment was recorded by this call.
     */
    public boolean recheckPending(String ownerId) {
        PendingInvoices pending = queries.query(new FindPendingInvoicesOf(ownerId),
                ResponseTypes.instanceOf(PendingInvoices.class)).join();
        boolean confirmed = false;
        for (IssuedInvoice invoice : pending.invoices()) {
            confirmed |= recheck(invoice) == Outcome.CONFIRMED;
        }
        return confirmed;
    }

    private Outcome confirm(IssuedInvoice invoice) {
        log.info("Invoice {} paid ({} for {})", invoice.paymentHash(), invoice.purpose(), invoice.ownerId());
        Object confirm = switch (invoice.purpose()) {
            case JOB_EVAL, JOB_WORK -> new ConfirmInvoicePaid(invoice.ownerId(), invoice.paymentHash(),
                    clock.instant());
            case SESSION_DEPOSIT, SESSION_TOPUP -> new ConfirmSessionPayment(invoice.ownerId(), invoice.paymentHash(),
                    clock.instant());
            case BOOTSTRAP -> new ConfirmBootstrapPaid(invoice.ownerId(), invoice.paymentHash(), clock.instant());
        };
        commands.sendAndWait(confirm);
        return Outcome.CONFIRMED;
    }
}
