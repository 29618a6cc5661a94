package dev.lnjobs.command.bootstrap;

import dev.lnjobs.api.bootstrap.BootstrapCommands.CheckBootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RecordBootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapCommands.RequestBootstrapRefund;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapLatePaymentReceived;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundDue;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundFailed;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundPaid;
import dev.lnjobs.api.bootstrap.BootstrapEvents.BootstrapRefundRequested;
import dev.lnjobs.api.bootstrap.BootstrapRuleViolation;
import dev.lnjobs.api.bootstrap.BootstrapState;
import dev.lnjobs.api.job.RefundAlreadyRequested;
import dev.lnjobs.api.lightning.Invoice;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The part of a bootstrap that owes money back (an aggregate member of {@code BootstrapJob}): the fee when
 * provisioning fails after it was paid, or a payment the node reports after the bootstrap failed. Never both: a
 * bootstrap is paid once. States: nothing owed → owed (refundDueSats) → claimed (the intent to pay the client's
 * invoice) → paid, or failed at the node and claimable again with another invoice.
 */
class BootstrapRefunds {

    private String paidHash;
    private long paidSats;
    private long refundDueSats;
    private String bootstrapId;
    /** The latest claim's payment hash; {@code claimPending} while its payment is not settled either way. */
    private String claimHash;
    private boolean claimPending;
    private boolean refunded;

    @CommandHandler
    long handle(CheckBootstrapRefundDue command) {
        return claimable();
    }

    @CommandHandler
    void handle(RequestBootstrapRefund command) {
        if (command.paymentHash().equals(claimHash) && (claimPending || refunded)) {
            return; // the same claim again
        }
        long due = claimable();
        if (command.amountSats() != due) {
            throw new BootstrapRuleViolation("the refund invoice must be for exactly " + due + " sats");
        }
        apply(new BootstrapRefundRequested(bootstrapId, command.bolt11(), command.paymentHash(), due,
                command.requestedAt()));
    }

    @CommandHandler
    void handle(RecordBootstrapRefundPaid command) {
        requireClaim(command.paymentHash());
        if (claimPending) {
            apply(new BootstrapRefundPaid(bootstrapId, claimHash, refundDueSats, command.paidAt()));
        }
    }

    @CommandHandler
    void handle(RecordBootstrapRefundFailed command) {
        requireClaim(command.paymentHash());
        if (claimPending) {
            apply(new BootstrapRefundFailed(bootstrapId, claimHash, refundDueSats, command.reason()));
        }
    }

    /** The refund owed, or refused: claimed and not failed (with that claim's hash), paid, or none owed. */
    private long claimable() {
        if (refunded || claimPending) {
            throw new RefundAlreadyRequested("bootstrap", bootstrapId, claimHash);
        }
        if (refundDueSats <= 0) {
            throw new BootstrapRuleViolation("no refund is due for bootstrap " + bootstrapId);
        }
        return refundDueSats;
    }

    private void requireClaim(String paymentHash) {
        if (claimHash == null || !claimHash.equals(paymentHash)) {
            throw new BootstrapRuleViolation("payment " + paymentHash + " is not the refund of bootstrap "
                    + bootstrapId);
        }
    }

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
        bootstrapId = event.bootstrapId();
        paidHash = event.paymentHash();
        paidSats = event.amountSats();
    }

    @EventSourcingHandler
    void on(BootstrapRefundDue event) {
        bootstrapId = event.bootstrapId();
        refundDueSats = event.refundAmountSats();
    }

    @EventSourcingHandler
    void on(BootstrapLatePaymentReceived event) {
        bootstrapId = event.bootstrapId();
        paidHash = event.paymentHash();
        paidSats = event.amountSats();
        refundDueSats = event.refundAmountSats();
    }

    @EventSourcingHandler
    void on(BootstrapRefundRequested event) {
        claimHash = event.paymentHash();
        claimPending = true;
    }

    @EventSourcingHandler
    void on(BootstrapRefundPaid event) {
        claimPending = false;
        refunded = true;
    }

    @EventSourcingHandler
    void on(BootstrapRefundFailed event) {
        claimPending = false;
    }
}
