package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapLatePaymentReceived;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The part of a bootstrap that owes money back (an aggregate member of {@code BootstrapJob}): the fee when
 * provisioning fails after it was paid, or a payment the node reports after the bootstrap failed. Never both: a
 * bootstrap is paid once. States: nothing owed → owed (refundDueSats).
 */
class BootstrapRefunds {

    private String paidHash;
    private long paidSats;
    private long refundDueSats;

    /** Told by the aggregate once it recorded a failure: a fee already paid bought nothing and is owed back. */
    void afterFailure(String bootstrapId) {
        if (paidHash != null && refundDueSats == 0) {
            apply(new BootstrapRefundDue(bootstrapId, paidHash, paidSats, paidSats));
        }
    }

    /** A payment of the invoice the bootstrap no longer waits for; a repeated notice of it records nothing. */
    void paidLate(String bootstrapId, Invoice invoice, BootstrapState state, Instant paidAt) {
        if (paidHash == null) {
            apply(new BootstrapLatePaymentReceived(bootstrapId, invoice.paymentHash(), invoice.amountSats(), paidAt,
                    state, invoice.amountSats()));
        }
    }

    @EventSourcingHandler
    void on(BootstrapPaid event) {
        paidHash = event.paymentHash();
        paidSats = event.amountSats();
    }

    @EventSourcingHandler
    void on(BootstrapRefundDue event) {
        refundDueSats = event.refundAmountSats();
    }

    @EventSourcingHandler
    void on(BootstrapLatePaymentReceived event) {
        paidHash = event.paymentHash();
        paidSats = event.amountSats();
        refundDueSats = event.refundAmountSats();
    }
}
