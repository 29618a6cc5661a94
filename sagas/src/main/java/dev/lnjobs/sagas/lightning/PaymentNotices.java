package dev.lnjobs.sagas.lightning;

import dev.lnjobs.api.bootstrap.BootstrapCommands.ConfirmBootstrapPaid;
import dev.lnjobs.api.job.JobCommands.ConfirmInvoicePaid;
import dev.lnjobs.api.job.JobCommands.ExpireJob;
import dev.lnjobs.api.lightning.InvoiceQueries;
import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import dev.lnjobs.api.session.SessionCommands.ConfirmSessionPayment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The one way a payment becomes a fact: whoever noticed it (LNbits' payment stream, its webhook, a stub pay, the
 * watcher), the node is asked whether the hash is paid before the owner is told. Reads never come here: a status
 * read neither calls the node nor sends a command. Repeating a notice is harmless: the aggregate ignores a payment
 * it already recorded.
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
     * A notice of a paid hash (the payment stream, the webhook, a stub pay): the invoice record first, so that a
     * hash that is not ours, or one already recorded as paid, costs no call to the node; then the node.
     */
    public Outcome recheck(String paymentHash) {
        // The invoice projection is written in the transaction that issues an invoice: no payment can outrun it.
        IssuedInvoice invoice = queries.query(new FindInvoice(paymentHash),
                ResponseTypes.instanceOf(IssuedInvoice.class)).join();
        return invoice == null ? Outcome.UNKNOWN_INVOICE : recheck(invoice);
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
     * The watcher found a job's invoice unpaid at or after its expiry (the node asked just now): the job expires, if
     * it still awaits that invoice (the aggregate ignores it otherwise, so a repeat is harmless). This sweep replaces
     * a deadline per invoice; a session's invoices do not end their session, so nothing is sent for them.
     */
    public void expiredUnpaid(IssuedInvoice invoice) {
        InvoiceQueries.Purpose purpose = invoice.purpose();
        if (purpose == InvoiceQueries.Purpose.JOB_EVAL || purpose == InvoiceQueries.Purpose.JOB_WORK) {
            commands.sendAndWait(new ExpireJob(invoice.ownerId(), invoice.paymentHash(), clock.instant()));
        }
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
